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
