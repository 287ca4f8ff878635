"""The message catalogue: every user-facing sentence, in Danish with its English twin.

Danish is the default; English is used when the user's locale starts with ``en``.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["da", "en"]

MESSAGES: dict[str, tuple[str, str]] = {
    # homepage and onboarding
    "app.name": ("Lærerværelset", "Lærerværelset"),
    "home.subtitle": (
        "Din AI-kollega med skolens rammer",
        "Your AI colleague, framed by your school",
    ),
    "home.your_team": ("Dit team", "Your team"),
    "home.no_team": ("Intet team valgt", "No team chosen"),
    "home.templates": ("Skabeloner", "Templates"),
    "home.no_templates": (
        "Der er endnu ingen godkendte skabeloner. Spørg skolens superbruger.",
        "There are no approved templates yet. Ask your school's curator.",
    ),
    "home.free_idea": ("Fri idé", "Free idea"),
    "home.free_idea_label": ("Hvad skal du bruge?", "What do you need?"),
    "home.free_idea_hint": (
        "Fx: En kort tekst om fotosyntese til 5. klasse med tre spørgsmål",
        "E.g. a short text on photosynthesis for grade 5 with three questions",
    ),
    "home.free_idea_button": ("Skriv det i dokumentet", "Write it into the document"),
    "home.free_idea_missing": (
        "Der er ingen godkendt skabelon til frie idéer endnu. Spørg en superbruger.",
        "There is no approved template for free ideas yet. Ask a curator.",
    ),
    "home.open": ("Åbn", "Open"),
    "access.title": ("Adgang til dokumentet", "Access to the document"),
    "access.why": (
        "Lærerværelset skriver materialet direkte ind i det dokument, du har åbent. "
        "Derfor skal du give adgang til netop dette dokument – ikke til resten af dit Drev.",
        "Lærerværelset writes material straight into the document you have open. "
        "It needs access to this one document only – not to the rest of your Drive.",
    ),
    "access.button": ("Giv adgang til dokumentet", "Allow access to this document"),
    "onboarding.title": (
        "Lærerværelset er ikke sat op endnu",
        "Lærerværelset is not set up yet",
    ),
    "onboarding.body": (
        "Jeres domæne <b>{domain}</b> er endnu ikke oprettet som kommune i Lærerværelset. "
        "En administrator opretter kommunen med kommandoen "
        "<i>flask --app addon.wsgi create-tenant {domain}</i> og indlæser skoler, teams "
        "og medarbejdere fra en CSV-fil med <i>flask --app addon.wsgi import-csv</i>. "
        "Herefter kan alle lærere på domænet bruge tilføjelsen.",
        "Your domain <b>{domain}</b> is not yet set up as a municipality in Lærerværelset. "
        "An administrator creates it with the command "
        "<i>flask --app addon.wsgi create-tenant {domain}</i> and loads schools, teams "
        "and staff from a CSV file with <i>flask --app addon.wsgi import-csv</i>. "
        "After that every teacher on the domain can use the add-on.",
    ),
    "private.title": ("Kun for skolekonti", "School accounts only"),
    "private.body": (
        "Du er logget ind med en privat Google-konto ({email}). Lærerværelset virker med "
        "din skoles Google Workspace-konto. Skift konto øverst til højre i Google Docs.",
        "You are signed in with a private Google account ({email}). Lærerværelset works "
        "with your school's Google Workspace account. Switch account at the top right.",
    ),
    "choose.title": ("Vælg din skole og dit team", "Choose your school and team"),
    "choose.body": (
        "Vi kender dig ikke endnu. Vælg den skole og det team, du hører til, så bruger "
        "Lærerværelset jeres rammer og jeres klasse.",
        "We don't know you yet. Choose your school and team so that Lærerværelset uses "
        "your frames and your class.",
    ),
    "choose.school": ("Skole", "School"),
    "choose.team": ("Team", "Team"),
    "choose.save": ("Gem", "Save"),
    "choose.saved": ("Du er nu tilknyttet {team}.", "You now belong to {team}."),
    "choose.no_schools": (
        "Kommunen har endnu ingen skoler oprettet. Kontakt jeres administrator.",
        "The municipality has no schools yet. Contact your administrator.",
    ),
    # template form
    "form.generate": ("Skriv i dokumentet", "Write into the document"),
    "form.back": ("Tilbage", "Back"),
    "form.required": ("Skal udfyldes.", "Required."),
    "layer.platform": ("Lærerværelsets grundregler", "Lærerværelset's ground rules"),
    "layer.municipality": ("Kommunens ramme", "The municipality's frame"),
    "layer.school": ("Skolens profil", "The school's profile"),
    "layer.template": ("Skabelon {title}", "Template {title}"),
    "lix.Meget let": ("Meget let", "Very easy"),
    "lix.Let": ("Let", "Easy"),
    "lix.Middel": ("Middel", "Medium"),
    "lix.Svær": ("Svær", "Hard"),
    "lix.Meget svær": ("Meget svær", "Very hard"),
    "layers.bad_model": (
        "Modelnavnet må kun bestå af bogstaver, tal og . _ : / - (fx gpt-4o-mini).",
        "The model name may only hold letters, digits and . _ : / - (e.g. gpt-4o-mini).",
    ),
    "form.invalid_choice": ("Vælg en af mulighederne.", "Choose one of the options."),
    "form.invalid_grade": (
        "Vælg et klassetrin fra 0 til 10.",
        "Choose a grade from 0 to 10.",
    ),
    "form.too_long": (
        "Teksten er for lang (højst {limit} tegn).",
        "Too long (at most {limit} characters).",
    ),
    "form.fix_errors": ("Ret de markerede felter.", "Please fix the marked fields."),
    "form.optional": ("(valgfri)", "(optional)"),
    "form.grade": ("{grade}. klasse", "Grade {grade}"),
    "form.grade_zero": ("0. klasse", "Grade 0 (reception)"),
    "form.privacy_hint": (
        "Skriv ikke elevnavne, CPR-numre eller kontaktoplysninger.",
        "Don't write pupils' names, CPR numbers or contact details.",
    ),
    # result
    "result.title": ("Skrevet i dokumentet", "Written into the document"),
    "result.words": (
        "{words} ord · LIX {lix} ({band})",
        "{words} words · LIX {lix} ({band})",
    ),
    "result.layers": ("Formet af", "Shaped by"),
    "result.model": (
        "Sprogmodel: {model} · {seconds} s",
        "Model: {model} · {seconds} s",
    ),
    "result.back": ("Til skabelonerne", "Back to templates"),
    "result.again": ("Lav en ny version", "Make another version"),
    "result.shortened": (
        "Din tekst i {fields} var for lang til sprogmodellen og blev forkortet (markeret […]).",
        "Your text in {fields} was too long for the model and was shortened (marked […]).",
    ),
    "result.protected": (
        "{count} personoplysninger blev skjult for sprogmodellen.",
        "{count} personal details were hidden from the language model.",
    ),
    "result.protected_one": (
        "1 personoplysning blev skjult for sprogmodellen.",
        "1 personal detail was hidden from the language model.",
    ),
    "team.pupil_names": (
        "Elevnavne (kun til at skjule dem for sprogmodellen)",
        "Pupils' names (only used to hide them from the model)",
    ),
    "team.pupil_names.hint": (
        'Adskil med komma. Navnene sendes aldrig; de erstattes med "Elev A" osv.',
        'Separate with commas. Names are never sent; they become "Elev A" etc.',
    ),
    "result.heading": ("Overskrift: {heading}", "Heading: {heading}"),
    # layers: frame, profile, team context
    "layers.frame": ("Kommunens ramme", "The municipality's frame"),
    "layers.frame.help": (
        "Rammen gælder for al brug af Lærerværelset i kommunen: skolepolitikkens dagsorden, "
        "værdier og røde linjer. Den går forrest i hver forespørgsel til sprogmodellen.",
        "The frame applies to every use of Lærerværelset in the municipality: the school "
        "policy agenda, values and red lines. It leads every request to the model.",
    ),
    "layers.profile": ("Skolens profil", "The school's profile"),
    "layers.profile.help": (
        "Skolens pædagogiske profil supplerer kommunens ramme: hvordan I underviser, hvad I "
        "lægger vægt på, og hvad der kendetegner jeres elever.",
        "The school's pedagogical profile adds to the municipal frame: how you teach, what "
        "you value and what characterises your pupils.",
    ),
    "layers.team": ("Teamets kontekst", "The team's context"),
    "layers.team.help": (
        "Fortæl Lærerværelset om jeres klasse, så materialet passer til netop jeres elever. "
        "Skriv aldrig elevnavne – kun antal, behov, sprog og interesser.",
        "Tell Lærerværelset about your class so the material fits your pupils. Never write "
        "pupils' names – only numbers, needs, languages and interests.",
    ),
    "layers.text": ("Tekst (højst {limit} tegn)", "Text (at most {limit} characters)"),
    "layers.save": ("Gem ny version", "Save new version"),
    "layers.saved": ("Gemt som version {version}.", "Saved as version {version}."),
    "layers.restored": (
        "Version {old} er gendannet som version {version}.",
        "Version {old} restored as version {version}.",
    ),
    "layers.versions": ("Tidligere versioner", "Earlier versions"),
    "layers.restore": ("Gendan version {version}", "Restore version {version}"),
    "layers.empty": ("(tom)", "(empty)"),
    "layers.version_line": (
        "Version {version} · {author} · {when}",
        "Version {version} · {author} · {when}",
    ),
    "layers.settings": ("Indstillinger", "Settings"),
    "layers.model": ("Sprogmodel", "Language model"),
    "layers.model_hint": (
        "Tom: deploymentens standardmodel. Brug kun en model, I har databehandleraftale om.",
        "Empty: the deployment's default. Use only a model you have a data processing "
        "agreement for.",
    ),
    "layers.keep_outputs": (
        "Gem materialets tekst i loggen",
        "Keep output text in the log",
    ),
    "layers.retention": ("Slet logposter efter", "Delete log records after"),
    "layers.days": ("{days} dage", "{days} days"),
    "layers.provenance_line": (
        "Tilføj en linje om kilden i dokumentet",
        "Add a provenance line to the document",
    ),
    "layers.yes": ("Ja", "Yes"),
    "layers.no": ("Nej", "No"),
    "layers.curators_header": ("Superbrugere", "Curators"),
    "layers.curators": ("Superbrugere (e-mails)", "Curators (emails)"),
    "layers.curators_hint": (
        "Adskil med komma, fx anna@skole.dk, bo@skole.dk",
        "Separate with commas, e.g. anna@school.dk, bo@school.dk",
    ),
    "form.invalid_names": (
        "Højst 60 navne på højst 60 tegn hver.",
        "At most 60 names of at most 60 characters each.",
    ),
    "form.invalid_email": (
        "Brug e-mailadresser på kommunens domæne.",
        "Use email addresses on the municipality's domain.",
    ),
    "team.klasse": ("Klasse og elevtal", "Class and number of pupils"),
    "team.klasse.hint": ("Fx: 4.b, 24 elever", "E.g. 4.b, 24 pupils"),
    "team.elevgruppe": ("Elevgruppen", "The pupils"),
    "team.elevgruppe.hint": (
        "Uden navne. Fx: seks læser langsomt og har brug for korte afsnit; to har dansk som "
        "andetsprog; mange elsker fodbold.",
        "No names. E.g. six read slowly and need short paragraphs; two are learning Danish; "
        "many love football.",
    ),
    "team.didaktik": (
        "Didaktiske og pædagogiske valg",
        "Didactic and pedagogical choices",
    ),
    "team.didaktik.hint": (
        "Fx: makkerlæsning, læseforståelse før/under/efter, CL-strukturer.",
        "E.g. reading in pairs, comprehension before/during/after, cooperative learning.",
    ),
    "team.tone": ("Tone", "Tone"),
    "team.niveauer": ("Navne på jeres niveauer", "Names of your levels"),
    "team.linked_course": (
        "Elevnavnene fra Classroom-holdet {course} skjules for sprogmodellen",
        "The pupils' names of Classroom class {course} are hidden from the model",
    ),
    "team.unlink_course": (
        "Fjern koblingen til holdet",
        "Remove the link to the class",
    ),
    "team.niveauer.hint": (
        "Til differentiering, lettest først, adskilt med komma. Fx: Grøn, Gul, Rød",
        "For differentiation, easiest first, separated by commas. E.g. Green, Amber, Red",
    ),
    "layers.lix_adjust": (
        "Juster LIX-målene for differentiering",
        "Adjust the LIX targets for differentiation",
    ),
    "layers.lix_adjust.none": ("Som standardtabellen", "As the default table"),
    "team.tone.hint": (
        "Fx: legende, konkret og opmuntrende",
        "E.g. playful, concrete, encouraging",
    ),
    "home.settings": ("Rammer og kontekst", "Frames and context"),
    "why.title": ("Hvorfor blev det sådan?", "Why did it turn out like this?"),
    "why.button": ("Hvorfor blev det sådan?", "Why did it turn out like this?"),
    "why.intro": (
        "Sådan blev lagene sendt til sprogmodellen – i denne rækkefølge, med version og "
        "forfatter. Lærerens egne oplysninger kom til sidst, som data.",
        "This is how the layers went to the model – in this order, with version and author. "
        "The teacher's own input came last, as data.",
    ),
    "why.author": ("Skrevet af {author}", "Written by {author}"),
    # differentiation
    "diff.button": ("Differentiér", "Differentiate"),
    "diff.title": ("Differentiér materialet", "Differentiate the material"),
    "diff.intro": (
        "Samme indhold og samme rammer i flere læseniveauer. Hvert niveau måles med LIX; "
        "rammer et niveau ikke sit mål, skrives det én gang til – og ellers ser du den ægte "
        "LIX-værdi.",
        "The same content and frames at several reading levels. Each level is measured in "
        "LIX; a level that misses its target is written once more – otherwise you see its "
        "true LIX.",
    ),
    "diff.levels": ("Niveauer", "Levels"),
    "form.levels": ("Læseniveauer", "Reading levels"),
    "form.levels.one": ("Én udgave", "One version"),
    "level.lettere": ("Lettere", "Easier"),
    "level.paa-niveau": ("På niveau", "On level"),
    "level.udfordrende": ("Udfordrende", "Challenging"),
    "diff.where": ("Hvor skal niveauerne skrives?", "Where should the levels go?"),
    "diff.where.here": (
        "I dette dokument, under hver sin overskrift",
        "In this document, each under its own heading",
    ),
    "diff.where.separate": (
        "Hvert niveau i sit eget dokument ved siden af dette",
        "Each level in its own document next to this one",
    ),
    "diff.open": ("Åbn {level}", "Open {level}"),
    "diff.separate_done": (
        "Hvert niveau har sit eget dokument i samme mappe som dette, så det kan deles "
        "ud for sig.",
        "Each level has its own document in the same folder as this one, so it can be "
        "handed out on its own.",
    ),
    "diff.two": ("2: lettere og på niveau", "2: easier and on level"),
    "diff.three": (
        "3: lettere, på niveau og udfordrende",
        "3: easier, on level, challenging",
    ),
    "diff.write": (
        "Skriv niveauerne i dokumentet",
        "Write the levels into the document",
    ),
    "diff.done": ("Niveauerne er skrevet", "The levels are written"),
    "diff.subtitle": ("LIX-mål for {grade}. klasse", "LIX targets for grade {grade}"),
    "diff.target": ("LIX-mål {low}–{high}", "LIX target {low}–{high}"),
    "diff.on_target": ("inden for målet", "on target"),
    "diff.off_target": (
        "uden for målet efter {attempts} forsøg",
        "off target after {attempts} attempts",
    ),
    "diff.figures": (
        "{words} ord · {sentence} ord pr. sætning",
        "{words} words · {sentence} words per sentence",
    ),
    # audit
    "audit.title": ("Logbog", "Audit log"),
    "audit.open": ("Logbog over brug og ændringer", "Log of use and changes"),
    "audit.user": ("Bruger (e-mail)", "User (email)"),
    "audit.template": ("Skabelon", "Template"),
    "audit.all_templates": ("Alle skabeloner", "All templates"),
    "audit.filter": ("Vis", "Show"),
    "audit.empty": ("Ingen poster.", "No records."),
    "audit.no_content": (
        "Loggen gemmer hvem, hvornår og hvad – aldrig selve teksten, medmindre kommunen har "
        "slået det til.",
        "The log keeps who, when and what – never the text itself, unless the municipality "
        "has switched that on.",
    ),
    "audit.generation_figures": (
        "{model} · {tokens} tokens · {seconds} s · {protected} skjulte personoplysninger",
        "{model} · {tokens} tokens · {seconds} s · {protected} personal details hidden",
    ),
    # curation: templates, workflow, test cases, ratings (issue 6)
    "curation.entry": ("Skabeloner (superbruger)", "Templates (curator)"),
    "curation.title": ("Skabeloner", "Templates"),
    "curation.new": ("Ny skabelon", "New template"),
    "curation.waiting": ("Venter på godkendelse", "Waiting for review"),
    "curation.yours": ("Skabeloner du kan redigere", "Templates you can edit"),
    "curation.none": (
        "Der er ingen skabeloner, du kan redigere, endnu. Begynd med en ny.",
        "There are no templates you can edit yet. Start a new one.",
    ),
    "curation.status.draft": ("kladde", "draft"),
    "curation.status.in_review": ("til godkendelse", "in review"),
    "curation.status.published": ("offentliggjort", "published"),
    "curation.status.archived": ("arkiveret", "archived"),
    "curation.entry_line": (
        "Offentliggjort: {published} · nyeste: v{latest} ({status})",
        "Published: {published} · newest: v{latest} ({status})",
    ),
    "curation.not_published": ("ingen", "none"),
    "curation.new_subtitle": ("Ny skabelon", "New template"),
    "curation.field.title": ("Titel", "Title"),
    "curation.field.category": ("Kategori", "Category"),
    "curation.field.category_hint": (
        "Fx Læsning og tekster, Matematik, Skole-hjem-samarbejde",
        "E.g. Reading and texts, Maths, Home-school contact",
    ),
    "curation.field.description": (
        "Beskrivelse (vises for lærerne)",
        "Description (shown to teachers)",
    ),
    "curation.field.scope": ("Gælder for", "Applies to"),
    "curation.scope_tenant": ("Hele kommunen", "The whole municipality"),
    "curation.scope_school": ("Kun {school}", "Only {school}"),
    "curation.field.variables": (
        "Variabler (én pr. linje)",
        "Variables (one per line)",
    ),
    "curation.field.body": (
        "Opgaven til sprogmodellen, med {{pladsholdere}}",
        "The task for the model, with {{placeholders}}",
    ),
    "curation.field.test_cases": (
        "Testcases (én pr. linje, mindst 3)",
        "Test cases (one per line, at least 3)",
    ),
    "curation.syntax_header": ("Sådan skriver du linjerne", "How to write the lines"),
    "curation.variables_help": (
        "<b>Variabel:</b> navn | Etiket | type | påkrævet/valgfri | svarmuligheder "
        "eller forudfyldt værdi | hjælpetekst. Typer: tekst, lang tekst, valg, flervalg, "
        "klassetrin. Svarmuligheder skrives værdi=Etiket adskilt af ; og * markerer "
        "den, der er valgt på forhånd. Tomme felter til sidst kan udelades.<br>"
        "<i>emne | Emne | tekst | påkrævet | | Fx vikingerne</i><br>"
        "<i>laengde | Længde | valg | påkrævet | kort=Kort; *mellem=Mellem</i>",
        "<b>Variable:</b> name | Label | type | påkrævet/valgfri (required/optional) | "
        "options or pre-filled value | help text. Types: tekst, lang tekst, valg, "
        "flervalg, klassetrin. Options are value=Label separated by ; and * marks the "
        "one chosen in advance. Empty columns at the end may be left out.<br>"
        "<i>emne | Emne | tekst | påkrævet | | Fx vikingerne</i><br>"
        "<i>laengde | Længde | valg | påkrævet | kort=Kort; *mellem=Mellem</i>",
    ),
    "curation.test_cases_help": (
        "<b>Testcase:</b> navn | input | tjek | tjek … Input skrives navn=værdi "
        "adskilt af ; (flere valg adskilt af komma). Tjek: nævner: a, b · nævner ikke: "
        "a, b · lix: 20-40 · ord: 100-500 · dansk eller ikke dansk (dansk er standard) "
        "· persondata tilladt (ellers må svaret ikke gentage e-mails, CPR-numre, "
        "telefonnumre eller elevnavne fra input). Store og små bogstaver er ligegyldige. "
        "Skriv \\| \\; eller \\, for at bruge tegnet i en tekst.<br>"
        "<i>Vikinger | emne=Vikinger; klassetrin=4 | nævner: vikinger, gård | "
        "nævner ikke: reklame | lix: 20-40 | ord: 100-500 | dansk</i>",
        "<b>Test case:</b> name | inputs | check | check … Inputs are name=value "
        "separated by ; (several choices separated by commas). Checks: nævner: a, b "
        "(mentions) · nævner ikke: a, b (does not mention) · lix: 20-40 · ord: 100-500 "
        "(words) · dansk or ikke dansk (Danish is the default) · persondata tilladt "
        "(otherwise the answer may not repeat emails, CPR numbers, phone numbers or "
        "pupils' names from the inputs). Case does not matter. Write \\| \\; or \\, to "
        "use the character in a text.<br>"
        "<i>Vikinger | emne=Vikinger; klassetrin=4 | nævner: vikinger, gård | "
        "nævner ikke: reklame | lix: 20-40 | ord: 100-500 | dansk</i>",
    ),
    "curation.save": ("Gem", "Save"),
    "curation.run_tests": ("Gem og kør tests", "Save and run tests"),
    "curation.submit": ("Send til godkendelse", "Submit for review"),
    "curation.versions": ("Versioner", "Versions"),
    "curation.archive": ("Arkivér", "Archive"),
    "curation.review": ("Gennemgå", "Review"),
    "curation.approve": ("Godkend og offentliggør", "Approve and publish"),
    "curation.send_back": ("Send tilbage", "Send back"),
    "curation.rollback": ("Offentliggør v{version} igen", "Publish v{version} again"),
    "curation.compare": ("Sammenlign med v{other}", "Compare with v{other}"),
    "curation.saved": (
        "Gemt som version {version} (kladde).",
        "Saved as version {version} (draft).",
    ),
    "curation.unchanged": (
        "Ingen ændringer: version {version} er uændret.",
        "No changes: version {version} is unchanged.",
    ),
    "curation.tested": (
        "Tests kørt på version {version}: {passed} af {total} bestået.",
        "Tests run on version {version}: {passed} of {total} passed.",
    ),
    "curation.submitted": (
        "Version {version} er sendt til godkendelse.",
        "Version {version} was submitted for review.",
    ),
    "curation.approved": (
        "Version {version} er godkendt og offentliggjort.",
        "Version {version} was approved and published.",
    ),
    "curation.sent_back": (
        "Version {version} er sendt tilbage med din kommentar.",
        "Version {version} was sent back with your comment.",
    ),
    "curation.rolled_back": (
        "Version {version} er offentliggjort igen.",
        "Version {version} is published again.",
    ),
    "curation.archived_banner": (
        "Skabelonen er arkiveret og vises ikke længere for lærerne.",
        "The template is archived and no longer shown to teachers.",
    ),
    "curation.unsaved": (
        "Du har ændringer, der ikke er gemt og testet. Klik »Gem og kør tests« først.",
        "You have changes that are not saved and tested. Click »Save and run tests« "
        "first.",
    ),
    "curation.not_draft": (
        "Kun en kladde kan sendes til godkendelse.",
        "Only a draft can be submitted for review.",
    ),
    "curation.too_few_tests": (
        "Skabelonen skal have mindst 3 testcases, før den kan sendes til godkendelse.",
        "The template needs at least 3 test cases before it can be submitted.",
    ),
    "curation.not_tested": (
        "Kør testene på denne version, før du sender den til godkendelse.",
        "Run the tests on this version before you submit it.",
    ),
    "curation.tests_failing": (
        "Alle testcases skal bestå, før skabelonen kan sendes til godkendelse.",
        "Every test case must pass before the template can be submitted.",
    ),
    "curation.own_version": (
        "Du kan ikke godkende din egen version. En anden superbruger eller en "
        "administrator skal gøre det.",
        "You cannot approve your own version. Another curator or an administrator "
        "must do it.",
    ),
    "curation.not_in_review": (
        "Versionen venter ikke på godkendelse.",
        "The version is not waiting for review.",
    ),
    "curation.comment_required": (
        "Skriv en kommentar, så forfatteren ved, hvad der skal rettes.",
        "Write a comment so the author knows what to change.",
    ),
    "curation.already_published": (
        "Versionen er allerede offentliggjort.",
        "The version is already published.",
    ),
    "curation.never_published": (
        "Kun en version, der har været offentliggjort, kan gendannes.",
        "Only a version that was published before can be restored.",
    ),
    "curation.state_changed": (
        "Skabelonen er ændret i mellemtiden. Åbn den igen og prøv på ny.",
        "The template changed in the meantime. Open it again and retry.",
    ),
    "curation.version_line": (
        "Version {version} · {status} · {author} · {when}",
        "Version {version} · {status} · {author} · {when}",
    ),
    "curation.review_comment": (
        "Kommentar fra {reviewer}: {comment}",
        "Comment from {reviewer}: {comment}",
    ),
    "curation.reviewed_by": ("Godkendt af {reviewer}", "Approved by {reviewer}"),
    "curation.tests_header": (
        "Testresultater for version {version}",
        "Test results for version {version}",
    ),
    "curation.no_tests_run": (
        "Testene er ikke kørt på denne version endnu.",
        "The tests have not been run on this version yet.",
    ),
    "curation.case_passed": ("Bestået", "Passed"),
    "curation.case_failed": ("Ikke bestået", "Failed"),
    "curation.check.inputs.fail": (
        "Ugyldige input: {found}",
        "Invalid inputs: {found}",
    ),
    "curation.check.model.fail": (
        "Sprogmodellen gav intet brugbart svar",
        "The model gave no usable answer",
    ),
    "curation.check.mentions.ok": ("Nævner {expected}", "Mentions {expected}"),
    "curation.check.mentions.fail": ("Mangler: {found}", "Missing: {found}"),
    "curation.check.not_mentions.ok": (
        "Nævner ikke {expected}",
        "Does not mention {expected}",
    ),
    "curation.check.not_mentions.fail": (
        "Nævner alligevel: {found}",
        "Mentions after all: {found}",
    ),
    "curation.check.danish.ok": (
        "Dansk ({found} danske småord)",
        "Danish ({found} Danish function words)",
    ),
    "curation.check.danish.fail": (
        "Ser ikke dansk ud ({found} danske småord)",
        "Does not look Danish ({found} Danish function words)",
    ),
    "curation.check.lix.ok": (
        "LIX {found} (mål {expected})",
        "LIX {found} (target {expected})",
    ),
    "curation.check.lix.fail": (
        "LIX {found} ligger uden for {expected}",
        "LIX {found} is outside {expected}",
    ),
    "curation.check.words.ok": (
        "{found} ord (mål {expected})",
        "{found} words (target {expected})",
    ),
    "curation.check.words.fail": (
        "{found} ord ligger uden for {expected}",
        "{found} words is outside {expected}",
    ),
    "curation.check.personal_data.ok": (
        "Gentager ingen persondata fra input",
        "Repeats no personal data from the inputs",
    ),
    "curation.check.personal_data.fail": (
        "Gentager persondata fra input: {found}",
        "Repeats personal data from the inputs: {found}",
    ),
    "curation.ratings_header": ("Lærernes vurderinger", "Teachers' ratings"),
    "curation.rating_line": (
        "v{version}: 👍 {up} · 👎 {down}",
        "v{version}: 👍 {up} · 👎 {down}",
    ),
    "curation.no_ratings": ("Ingen vurderinger endnu.", "No ratings yet."),
    "curation.review_title": ("Godkendelse", "Review"),
    "curation.diff_header": (
        "Ændringer i forhold til v{version}",
        "Changes compared with v{version}",
    ),
    "curation.diff_new": (
        "Skabelonen har ingen offentliggjort version; alt er nyt.",
        "The template has no published version; everything is new.",
    ),
    "curation.no_diff": ("Ingen forskelle.", "No differences."),
    "curation.diff_title": ("Forskelle v{old} → v{new}", "Differences v{old} → v{new}"),
    "curation.comment_label": ("Kommentar til forfatteren", "Comment for the author"),
    "curation.comment_hint": (
        "Skal udfyldes, når du sender tilbage",
        "Required when you send it back",
    ),
    "curation.own_version_note": (
        "Du har selv skrevet denne version. En anden superbruger eller en administrator "
        "skal godkende den.",
        "You wrote this version yourself. Another curator or an administrator must "
        "approve it.",
    ),
    "curation.problems": ("Ret disse linjer:", "Fix these lines:"),
    "curation.line": ("Linje {line}: {message}", "Line {line}: {message}"),
    "rating.header": ("Hvordan var materialet?", "How was the material?"),
    "rating.comment": (
        "Kommentar til superbrugerne (valgfri)",
        "Comment for the curators (optional)",
    ),
    "rating.up": ("👍 Godt", "👍 Good"),
    "rating.down": ("👎 Ikke godt", "👎 Not good"),
    "rating.thanks": (
        "Tak! Din vurdering er sendt til skabelonens superbrugere.",
        "Thank you! Your rating went to the template's curators.",
    ),
    "template.empty_body": (
        "Skriv opgaven til sprogmodellen.",
        "Write the task for the model.",
    ),
    "template.malformed_placeholder": (
        "En pladsholder er skrevet forkert.",
        "A placeholder is written wrongly.",
    ),
    "template.unknown_placeholder": (
        "En pladsholder passer ikke til nogen variabel.",
        "A placeholder matches no variable.",
    ),
    "template.unused_variable": (
        "En variabel bruges ikke i teksten.",
        "A variable is not used in the text.",
    ),
    "template.invalid_variable_name": (
        "Et variabelnavn kan ikke bruges.",
        "A variable name cannot be used.",
    ),
    "template.duplicate_variable": (
        "To variabler har samme navn.",
        "Two variables have the same name.",
    ),
    "template.missing_options": (
        "Et valg mangler svarmuligheder.",
        "A choice has no options.",
    ),
    "template_text.too_many_columns": (
        "{count} felter er for mange; en variabel har højst 6. Skriv \\| for at bruge "
        "| i en tekst.",
        "{count} columns are too many; a variable has at most 6. Write \\| to use | "
        "in a text.",
    ),
    "template_text.bad_name": (
        "Navnet »{name}« kan ikke bruges. Brug små bogstaver (a-z), tal og _, og start "
        "med et bogstav, fx emne eller antal_ord.",
        "The name »{name}« cannot be used. Use lower-case letters (a-z), digits and _, "
        "starting with a letter, e.g. emne or antal_ord.",
    ),
    "template_text.missing_label": (
        "Variablen »{name}« mangler en etiket (det, læreren ser ved feltet).",
        "The variable »{name}« has no label (what the teacher sees by the field).",
    ),
    "template_text.bad_kind": (
        "Typen »{kind}« findes ikke. Brug tekst, lang tekst, valg, flervalg eller "
        "klassetrin.",
        "There is no type »{kind}«. Use tekst, lang tekst, valg, flervalg or "
        "klassetrin.",
    ),
    "template_text.bad_required": (
        "»{word}« skal være påkrævet eller valgfri.",
        "»{word}« must be påkrævet (required) or valgfri (optional).",
    ),
    "template_text.bad_grade_default": (
        "»{value}« er ikke et klassetrin fra 0 til 10.",
        "»{value}« is not a grade from 0 to 10.",
    ),
    "template_text.option_without_label": (
        "Svarmuligheden »{option}« skal skrives som værdi=Etiket, fx kort=Kort tekst.",
        "The option »{option}« must be written as value=Label, e.g. kort=Short text.",
    ),
    "template_text.bad_option_value": (
        "Værdien »{value}« kan ikke bruges. Brug små bogstaver (a-z), tal, - og _.",
        "The value »{value}« cannot be used. Use lower-case letters (a-z), digits, - "
        "and _.",
    ),
    "template_text.duplicate_option": (
        "Værdien »{value}« står to gange.",
        "The value »{value}« appears twice.",
    ),
    "template_text.missing_options": (
        "Valget »{name}« har ingen svarmuligheder. Skriv dem i 5. felt: "
        "værdi=Etiket; værdi2=Etiket 2.",
        "The choice »{name}« has no options. Write them in column 5: "
        "value=Label; value2=Label 2.",
    ),
    "template_text.several_defaults": (
        "Valget »{name}« har mere end én svarmulighed markeret med *.",
        "The choice »{name}« has more than one option marked with *.",
    ),
    "template_text.duplicate_variable": (
        "Der er allerede en variabel, der hedder »{name}«.",
        "There is already a variable called »{name}«.",
    ),
    "template_text.missing_case_name": (
        "Testcasen mangler et navn i 1. felt.",
        "The test case has no name in column 1.",
    ),
    "template_text.duplicate_case": (
        "Der er allerede en testcase, der hedder »{name}«.",
        "There is already a test case called »{name}«.",
    ),
    "template_text.bad_input": (
        "»{text}« skal skrives som navn=værdi, fx emne=Vikinger.",
        "»{text}« must be written as name=value, e.g. emne=Vikinger.",
    ),
    "template_text.duplicate_input": (
        "»{name}« har fået en værdi to gange.",
        "»{name}« is given a value twice.",
    ),
    "template_text.unknown_input": (
        "»{name}« er ikke en af skabelonens variabler.",
        "»{name}« is not one of the template's variables.",
    ),
    "template_text.unknown_input_close": (
        "»{name}« er ikke en af skabelonens variabler. Mente du »{close}«?",
        "»{name}« is not one of the template's variables. Did you mean »{close}«?",
    ),
    "template_text.input_required": (
        "Den påkrævede variabel »{name}« mangler en værdi.",
        "The required variable »{name}« has no value.",
    ),
    "template_text.input_invalid_choice": (
        "»{name}« har en værdi, der ikke er en af svarmulighederne.",
        "»{name}« has a value that is not one of its options.",
    ),
    "template_text.input_invalid_grade": (
        "»{name}« skal være et klassetrin fra 0 til 10.",
        "»{name}« must be a grade from 0 to 10.",
    ),
    "template_text.input_too_long": (
        "Værdien af »{name}« er for lang til feltet.",
        "The value of »{name}« is too long for its field.",
    ),
    "template_text.repeated_check": (
        "Tjekket »{check}« står to gange.",
        "The check »{check}« appears twice.",
    ),
    "template_text.unknown_check": (
        "»{check}« er ikke et tjek. Brug nævner:, nævner ikke:, lix:, ord:, dansk, "
        "ikke dansk eller persondata tilladt.",
        "»{check}« is not a check. Use nævner:, nævner ikke:, lix:, ord:, dansk, "
        "ikke dansk or persondata tilladt.",
    ),
    "template_text.empty_mentions": (
        "»{check}:« skal efterfølges af mindst ét ord.",
        "»{check}:« must be followed by at least one word.",
    ),
    "template_text.bad_range": (
        "»{check}: {text}« skal være et interval som 20-40 med det mindste tal først "
        "(hele tal ved ord).",
        "»{check}: {text}« must be a range like 20-40, smallest number first (whole "
        "numbers for ord).",
    ),
    # errors
    "error.title": ("Det lykkedes ikke", "That did not work"),
    "error.keep": (
        "Dine indtastninger er gemt i formularen – prøv igen.",
        "Your input is kept in the form – try again.",
    ),
    "error.retry": ("Prøv igen", "Try again"),
    "error.unexpected": (
        "Der skete en uventet fejl. Prøv igen om lidt.",
        "Something unexpected went wrong. Try again in a moment.",
    ),
    "error.input": (
        "Noget i formularen skal rettes.",
        "Something in the form needs fixing.",
    ),
    "error.bad_request": (
        "Forespørgslen kunne ikke læses. Genindlæs tilføjelsen og prøv igen.",
        "The request could not be read. Reload the add-on and try again.",
    ),
    "error.template_invalid": (
        "Skabelonen er ikke gyldig.",
        "The template is not valid.",
    ),
    "error.access_denied": (
        "Du har ikke adgang til at gøre dette.",
        "You are not allowed to do this.",
    ),
    "error.not_found": (
        "Det, du leder efter, findes ikke (længere).",
        "What you are looking for does not exist (any more).",
    ),
    "error.template_missing": (
        "Skabelonen findes ikke eller er ikke godkendt længere.",
        "The template does not exist or is no longer approved.",
    ),
    "error.no_document": (
        "Åbn et Google Docs-dokument og giv adgang til det først.",
        "Open a Google Docs document and allow access to it first.",
    ),
    "error.store_unavailable": (
        "Lærerværelset kan ikke nå sine data lige nu. Prøv igen om lidt.",
        "Lærerværelset cannot reach its data right now. Try again in a moment.",
    ),
    "error.model": (
        "Sprogmodellen kunne ikke levere et brugbart svar.",
        "The language model could not give a usable answer.",
    ),
    "error.model_timeout": (
        "Sprogmodellen svarede ikke i tide. Prøv igen – eller bed om en kortere tekst.",
        "The language model did not answer in time. Try again, or ask for a shorter text.",
    ),
    "error.model_rate_limited": (
        "Sprogmodellen har travlt lige nu. Vent et øjeblik og prøv igen.",
        "The language model is busy right now. Wait a moment and try again.",
    ),
    "error.model_quota": (
        "Kommunens kvote hos sprogmodellen er brugt op. Kontakt jeres administrator.",
        "The municipality's model quota is used up. Contact your administrator.",
    ),
    "error.model_unavailable": (
        "Sprogmodellen er ikke tilgængelig lige nu. Prøv igen om lidt.",
        "The language model is unavailable right now. Try again in a moment.",
    ),
    "error.model_refused": (
        "Sprogmodellen afviste opgaven. Omformulér den og prøv igen.",
        "The language model declined the task. Rephrase it and try again.",
    ),
    "error.model_empty": (
        "Sprogmodellen sendte et tomt svar. Prøv igen.",
        "The language model sent an empty answer. Try again.",
    ),
    "error.model_truncated": (
        "Svaret blev for langt og blev afbrudt. Bed om en kortere tekst.",
        "The answer got too long and was cut off. Ask for a shorter text.",
    ),
    "error.google_api": (
        "Google svarede med en fejl. Prøv igen om lidt.",
        "Google answered with an error. Try again in a moment.",
    ),
    "error.document_not_writable": (
        "Lærerværelset kan ikke skrive i dokumentet. Tjek at du har redigeringsadgang.",
        "Lærerværelset cannot write into the document. Check that you can edit it.",
    ),
    "error.google_rate_limited": (
        "Google beder os vente lidt. Prøv igen om et minut.",
        "Google asks us to wait. Try again in a minute.",
    ),
    # Classroom (issue 8): course picker, assignment form, result and errors
    "classroom.button": ("Del i Classroom", "Share in Classroom"),
    "levels.button": ("Del niveauerne i Classroom", "Share the levels in Classroom"),
    "levels.pick.title": (
        "Hvilket hold skal have niveauerne?",
        "Which class gets the levels?",
    ),
    "levels.pick.intro": (
        "Vælg holdet. Derefter vælger du, hvilke elever der får hvilket niveau; hver elev "
        "får sin egen kopi af sit niveaus dokument.",
        "Choose the class. Then you choose which pupils get which level; each pupil gets "
        "their own copy of their level's document.",
    ),
    "levels.groups.title": ("Hvem får hvilket niveau?", "Who gets which level?"),
    "levels.groups.intro": (
        "Vælg niveau for hver elev. Hvert niveau bliver sin egen opgave, som kun de "
        "valgte elever ser; elever, du ikke ændrer, får »{middle}«.",
        "Choose a level for each pupil. Each level becomes its own assignment that only "
        "the chosen pupils see; pupils you leave alone get »{middle}«.",
    ),
    "levels.groups.pupils": ("Elever", "Pupils"),
    "levels.groups.no_students": (
        "Holdet har ingen elever i Classroom endnu.",
        "The class has no pupils in Classroom yet.",
    ),
    "levels.default_title": ("Differentieret materiale", "Differentiated material"),
    "levels.create": ("Opret opgaverne", "Create the assignments"),
    "levels.done.title": ("Opgaverne er oprettet", "The assignments are created"),
    "levels.done.pupils": ("{count} elever", "{count} pupils"),
    "levels.done.pupil": ("{count} elev", "{count} pupil"),
    "levels.done.nothing": ("Ingen opgaver oprettet", "No assignments created"),
    "levels.done.none": (
        "Holdet har ingen elever i Classroom, så der var ingen at give niveauerne.",
        "The class has no pupils in Classroom, so there was nobody to give the levels.",
    ),
    "classroom.link.explain": (
        "Vil du have, at elevnavnene fra dette hold i Classroom altid skjules for "
        "sprogmodellen, når dit team laver materiale? Navnene hentes, når du laver "
        "materiale, og gemmes ikke.",
        "Should the pupils' names on this Classroom class always be hidden from the "
        "model when your team makes material? The names are read when you make "
        "material and are not stored.",
    ),
    "classroom.link.button": ("Skjul holdets elevnavne", "Hide the class's names"),
    "classroom.link.done": (
        "Elevnavnene fra {course} ({count} navne) skjules nu for sprogmodellen.",
        "The pupils' names on {course} ({count} names) are now hidden from the model.",
    ),
    "classroom.link.no_team": (
        "Du er ikke med i et team endnu, så der er intet at knytte holdet til.",
        "You are not in a team yet, so there is nothing to link the class to.",
    ),
    "classroom.roster_forbidden": (
        "Elevlisten fra teamets Classroom-hold kan ikke læses med din adgang (du "
        "underviser måske ikke holdet, eller det findes ikke længere), så intet blev "
        "sendt til sprogmodellen. Fjern koblingen under »Teamets kontekst«, eller bed en "
        "kollega, der underviser holdet, om at lave materialet.",
        "The class list of the team's Classroom class cannot be read with your access "
        "(you may not teach the class, or it no longer exists), so nothing was sent to "
        "the model. Remove the link under »Team context«, or ask a colleague who teaches "
        "the class to make the material.",
    ),
    "classroom.roster_unavailable": (
        "Elevlisten fra Classroom kunne ikke hentes, så intet blev sendt til "
        "sprogmodellen. Prøv igen om lidt.",
        "The class list could not be read from Classroom, so nothing was sent to the "
        "model. Please try again shortly.",
    ),
    "classroom.pick.title": ("Vælg hold i Classroom", "Choose a Classroom class"),
    "classroom.pick.intro": (
        "Vælg det hold, dokumentet skal deles med som opgave. Hver elev får sin egen "
        "kopi af dokumentet.",
        "Choose the class to share the document with as an assignment. Each student "
        "gets their own copy of the document.",
    ),
    "classroom.pick.none": (
        "Du er ikke lærer på nogen aktive hold i Google Classroom. Opret holdet i "
        "Classroom først – eller tjek, at du er logget ind med din skolekonto.",
        "You do not teach any active classes in Google Classroom. Create the class in "
        "Classroom first, or check that you are signed in with your school account.",
    ),
    "classroom.form.title": ("Ny opgave i Classroom", "New assignment in Classroom"),
    "classroom.form.doc": (
        "Dokumentet vedhæftes, og hver elev får sin egen kopi at arbejde i.",
        "The document is attached, and each student gets their own copy to work in.",
    ),
    "classroom.field.title": ("Titel", "Title"),
    "classroom.field.instructions": ("Vejledning (valgfri)", "Instructions (optional)"),
    "classroom.field.due": (
        "Afleveringsfrist (valgfri)",
        "Due date and time (optional)",
    ),
    "classroom.field.points": ("Point (valgfri)", "Points (optional)"),
    "classroom.field.points_hint": (
        "Lad feltet stå tomt, hvis opgaven ikke skal have point.",
        "Leave empty if the assignment is not graded with points.",
    ),
    "classroom.field.topic": ("Emne", "Topic"),
    "classroom.field.no_topic": ("Intet emne", "No topic"),
    "classroom.field.state": (
        "Hvornår ser eleverne opgaven?",
        "When do students see it?",
    ),
    "classroom.state.draft": (
        "Gem som kladde – jeg udgiver den selv i Classroom",
        "Save as a draft – I will publish it in Classroom",
    ),
    "classroom.state.publish": ("Udgiv nu", "Publish now"),
    "classroom.field.too_long": ("Teksten er for lang.", "The text is too long."),
    "classroom.field.due_invalid": (
        "Vælg en dato og et tidspunkt i kalenderen.",
        "Choose a date and a time in the calendar.",
    ),
    "classroom.field.points_invalid": (
        "Skriv et helt tal fra 0 til 100000 – eller lad feltet stå tomt.",
        "Enter a whole number from 0 to 100000, or leave it empty.",
    ),
    "classroom.create": ("Opret opgave", "Create assignment"),
    "classroom.done.title": ("Opgaven er oprettet", "The assignment is created"),
    "classroom.done.draft": (
        "Gemt som kladde på {course}. Eleverne ser den først, når du udgiver den i "
        "Classroom.",
        "Saved as a draft in {course}. Students see it once you publish it in Classroom.",
    ),
    "classroom.done.published": (
        "Udgivet på {course}. Eleverne kan se opgaven nu.",
        "Published in {course}. Students can see the assignment now.",
    ),
    "classroom.done.due": ("Afleveres {when}", "Due {when}"),
    "classroom.done.no_due": ("Ingen afleveringsfrist", "No due date"),
    "classroom.done.open": ("Åbn i Classroom", "Open in Classroom"),
    "classroom.when": (
        "{day}. {month} {year} kl. {time}",
        "{day} {month} {year} at {time}",
    ),
    "classroom.months": (
        "januar,februar,marts,april,maj,juni,juli,august,september,oktober,november,"
        "december",
        "January,February,March,April,May,June,July,August,September,October,November,"
        "December",
    ),
    "classroom.error.api_disabled": (
        "Jeres skole har ikke givet apps adgang til Google Classroom, så Lærerværelset "
        "kan ikke oprette opgaven. Bed jeres Google Workspace-administrator om at slå "
        "Classroom API til (Administrationskonsol → Apps → Google Workspace → Classroom "
        "→ Dataadgang). Indtil da kan du dele dokumentet direkte i Classroom.",
        "Your school has not allowed apps to use Google Classroom, so Lærerværelset "
        "cannot create the assignment. Ask your Google Workspace administrator to turn "
        "on the Classroom API (Admin console → Apps → Google Workspace → Classroom → "
        "Data access). Until then, share the document in Classroom directly.",
    ),
    "classroom.error.disabled": (
        "Din konto har ikke adgang til Google Classroom. Tjek, at du er logget ind med "
        "din skolekonto – ellers bed jeres administrator om at give dig adgang.",
        "Your account has no access to Google Classroom. Check that you are signed in "
        "with your school account, or ask your administrator for access.",
    ),
    "classroom.error.course_permission": (
        "Du har ikke lov til at oprette opgaver på dette hold. Tjek i Classroom, at du "
        "(stadig) er lærer på holdet – eller vælg et andet hold.",
        "You may not create assignments in this class. Check in Classroom that you "
        "are (still) a teacher of the class, or choose another class.",
    ),
    "classroom.error.attachment_not_visible": (
        "Classroom kan ikke se dokumentet med din konto, så det kan ikke vedhæftes. "
        "Tjek, at dokumentet ligger i dit Drev eller er delt med dig, og prøv igen.",
        "Classroom cannot see the document with your account, so it cannot be "
        "attached. Check that the document is in your Drive or shared with you, and "
        "try again.",
    ),
    "classroom.error.rate_limited": (
        "Classroom beder os vente lidt. Vent et minut og prøv igen – dine indtastninger "
        "er gemt.",
        "Classroom asks us to slow down. Wait a minute and try again – your input is "
        "kept.",
    ),
    "classroom.error.due_in_past": (
        "Afleveringsfristen ligger i fortiden. Vælg en dato og et tidspunkt frem i tiden.",
        "The due date is in the past. Choose a date and time in the future.",
    ),
    "classroom.error.failed": (
        "Classroom svarede med en fejl. Prøv igen om lidt – eller del dokumentet "
        "direkte i Classroom.",
        "Classroom answered with an error. Try again in a moment, or share the "
        "document in Classroom directly.",
    ),
}


def lang_for(locale: str | None) -> Lang:
    """English for ``en``/``en-GB``/…; Danish for everything else, including nothing."""
    return "en" if (locale or "").lower().startswith("en") else "da"


def t(key: str, lang: Lang, **values: object) -> str:
    """The message ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    danish, english = MESSAGES[key]
    text = english if lang == "en" else danish
    return text.format(**values) if values else text
