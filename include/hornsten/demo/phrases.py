"""Swedish phrase bank for the sample-data generator (:mod:`hornsten.demo.survey_sample`).

For every component of the codebook (``dbt_project/seeds/codebook/codebook_components.csv``) the
bank holds the words and sentences citizens actually use when they write about it:
inflections and compounds ("cykelbanorna", "gatubelysningen", "bostadsbristen"),
colloquial words ("dagis", "p-platser", "knarket"), and whole sentences in three
styles matching the survey's typical open questions:

``pos``
    what is good today ("Vad är det bästa med … idag?")
``neg``
    complaints and needs ("Vad behöver bli bättre?")
``fut``
    wishes for the future ("Hur vill du att … ska vara år 2035?")

Each component entry has

* ``gi`` / ``gd`` – things people want more of, indefinite ("cykelbanor") and
  definite ("cykelbanorna") forms; combined with :data:`TEMPLATES`;
* ``gp`` – definite forms that only fit praise ("havet", "grannarna": nobody
  writes that the sea "must be improved");
* ``bi`` / ``bd`` – problems ("skjutningar", "skjutningarna");
* ``pos`` / ``neg`` / ``fut`` – hand-written sentences per style;
* ``nk_pos`` / ``nk_neg`` / ``nk_fut`` – Norrköping-specific sentences (Strömmen,
  Bråviken, Knäppingsborg, Ostlänken …), used only for Norrköpings kommun;
* ``w`` – how often the component comes up per style (pos, neg, fut).

Placeholders: ``{stad}`` is the municipality's name ("Norrköping"), ``{ort}`` any
district label of the configuration and ``{by}`` a district other than the first
(used for the countryside; not used for Norrköping, which has named places).

Every phrase is about its own component only, so a generated answer's components
are exactly the ones it was built from (the ground truth in ``labels.csv``).
Phrases start in lower case (unless a name comes first) and carry no final full
stop; :mod:`hornsten.demo.survey_sample` capitalises and punctuates.
"""

from __future__ import annotations


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.strip().splitlines() if line.strip()]


COMPONENTS: dict[str, dict[str, object]] = {}


def _component(code: str, w: tuple[float, float, float], **fields: str) -> None:
    entry: dict[str, object] = {"w": w}
    for key in ("gi", "gd", "gp", "bi", "bd", "pos", "neg", "fut", "nk_pos", "nk_neg", "nk_fut"):
        entry[key] = _lines(fields.pop(key, ""))
    if fields:
        raise TypeError(f"unknown phrase fields for {code}: {sorted(fields)}")
    COMPONENTS[code] = entry


# ----------------------------------------------------------------- trygghet
_component(
    "otrygghet",
    (2, 8, 6),
    gi="""
        trygghet
        trygghet på kvällarna
        trygghet i bostadsområdena
        trygghet för kvinnor på stan
        trygghetsarbete
        trygghetsskapande åtgärder
        trygghet i centrum
    """,
    gd="""
        tryggheten
        tryggheten i stan
        tryggheten på gatorna
        tryggheten i mitt område
        tryggheten på kvällarna
        tryggheten i bostadsområdet
        trygghetskänslan
    """,
    bi="""
        otrygghet
        otrygga platser
        otrygga miljöer
        stök på stan
        bråk på gatorna
        otrygghet på kvällarna
        fyllon vid resecentrum
        obehagliga gäng på torgen
    """,
    bd="""
        otryggheten
        otryggheten på kvällarna
        otryggheten i centrum
        stöket vid resecentrum
        otryggheten i bostadsområdena
        stöket på stan
        otryggheten vid stationen
    """,
    pos="""
        jag känner mig trygg när jag går hem på kvällen
        det känns tryggt att gå ute
        man kan röra sig ute utan att vara rädd
        tryggt och lugnt i mitt bostadsområde
        det är lugnt och tryggt där jag bor
        känns tryggt för barnen att gå ute
        tryggt område
        man känner sig säker på stan
        lugnt och tryggt
        att man kan gå ut sent utan att känna sig otrygg
        jag har aldrig känt mig otrygg här
        tryggt att vara ute även en lördagskväll
    """,
    neg="""
        jag vågar inte gå ut ensam på kvällarna
        det känns otryggt att gå genom stan på kvällen
        otryggt vid resecentrum
        man undviker vissa platser efter kl 20
        kvinnor ska kunna gå hem ensamma utan att vara rädda
        jag känner mig otrygg i mitt eget bostadsområde
        min mamma vågar inte gå ut på kvällen längre
        det har blivit otryggare de senaste åren
        folk hänger och stökar på torget
        man blir antastad på stan
        känns inte tryggt längre
        det är obehagligt att gå ut efter mörkrets inbrott
        det känns otryggt i {ort} på kvällarna
        "det lugna området" är inte så lugnt längre
        jag tar hellre bilen än går genom stan på kvällen, det känns otryggt
        min dotter får inte gå hem själv efter träningen, det är för otryggt
        alldeles för otryggt
    """,
    fut="""
        en stad där alla känner sig trygga dygnet runt
        att man kan gå hem från stan mitt i natten utan oro
        trygg att leva i för alla
        en trygg stad
        tryggare än idag
        att ingen ska behöva känna sig otrygg
        att alla vågar röra sig ute på kvällarna
        trygga bostadsområden där barnen kan leka ute
        lika trygg som en liten ort
        en stad där man inte behöver titta sig över axeln
        tryggt för både unga och gamla att vara ute
        trygga gator och torg
        trygga offentliga miljöer
    """,
    nk_pos="""
        tryggt att promenera i Lindö på kvällen
        lugnt och tryggt i Kneippen
    """,
    nk_neg="""
        Järnvägsparken känns otrygg
        otryggt kring resecentrum och Järnvägsparken
        känns otryggt på Drottninggatan sena kvällar
        otryggt i Navestad och Hageby när det är mörkt
        jag går inte genom Järnvägsparken efter kl 19
    """,
    nk_fut="""
        att man kan gå tryggt genom Järnvägsparken på kvällen
        ett tryggt resecentrum
    """,
)

_component(
    "brottslighet",
    (1, 6, 4),
    gi="""
        brottsförebyggande arbete
        åtgärder mot gängkriminalitet
        insatser mot narkotikan
        insatser mot knarkhandeln
        brottsprevention
        åtgärder mot inbrott
    """,
    gd="""
        det brottsförebyggande arbetet
        arbetet mot gängen
    """,
    bi="""
        brottslighet
        kriminalitet
        gängkriminalitet
        skjutningar
        sprängningar
        knarkhandel
        narkotikahandel
        inbrott
        rån
        droger
        gängvåld
        bilbränder
        knark
        kriminella gäng
        langning
    """,
    bd="""
        brottsligheten
        kriminaliteten
        gängkriminaliteten
        skjutningarna
        knarkhandeln
        inbrotten
        gängen
        drogerna
        narkotikan
        rånen
        våldet
        sprängningarna
        knarket
        bilbränderna
    """,
    pos="""
        relativt lite brottslighet där jag bor
        lugnt, har aldrig blivit utsatt för brott
        inga inbrott i vårt område på flera år
        brottsligheten har minskat har jag läst
        lite kriminalitet i vårt område
        man hör sällan om skjutningar här
    """,
    neg="""
        gängkriminaliteten måste bort
        ungdomar som dras in i kriminella gäng
        knarkhandeln sker helt öppet
        vi har haft flera inbrott i vårt område
        skjutningar och sprängningar skrämmer
        droger säljs öppet
        hårdare tag mot de kriminella
        hårdare straff för gängkriminella
        få bort gängen
        stoppa rekryteringen av barn till gängen
        bilbränder varje helg
        rån och misshandel på stan
        jag har blivit rånad två gånger
        vi har haft inbrott i förrådet
        alldeles för mycket kriminalitet
        inbrotten i {ort} har ökat
        det säljs knark mitt på ljusa dagen
        tolvåringar som springer ärenden åt gängen
        kriminaliteten har tagit över vissa områden
    """,
    fut="""
        fri från gängkriminalitet
        inga skjutningar
        ingen ska dras in i kriminalitet
        låg brottslighet
        en stad där gängen är borta
        brottsligheten har minskat rejält
        att narkotikan är borta från gatorna
        en av Sveriges minst brottsutsatta kommuner
        att inga barn rekryteras till gäng
    """,
    nk_neg="""
        skjutningarna i Navestad och Hageby
        knarkhandeln vid Hageby centrum
        bilbränderna i Marielund
    """,
    nk_fut="""
        att Norrköping inte längre nämns i nyheterna för skjutningar
    """,
)

_component(
    "belysning",
    (1, 4, 2),
    gi="""
        belysning
        gatubelysning
        gatlampor
        upplysta gångstråk
        upplysta gångvägar
        ljussättning
        gatljus
        belysning i tunnlarna
        belysning på gångvägarna
        upplysta stråk
        lampor längs vägarna
        LED-belysning
    """,
    gd="""
        belysningen
        gatubelysningen
        gatlamporna
        ljussättningen
        belysningen i gångtunnlarna
        belysningen på gångvägarna
        belysningen i parken
        lamporna längs vägen
        gatljusen
    """,
    bi="""
        mörka tunnlar
        mörka gångvägar
        trasiga gatlampor
        släckta lampor
        nedsläckt gatubelysning
        mörka gångtunnlar
    """,
    bd="""
        mörkret på gångvägarna
        de trasiga gatlamporna
        de mörka gångtunnlarna
        nedsläckningen av gatubelysningen
    """,
    pos="""
        det är väl upplyst i centrum
        bra belysning längs vägen hem
        gatlamporna lyser hela natten
        snygg ljussättning på byggnaderna på kvällen
        fin belysning på gångvägarna
        julbelysningen i stan
    """,
    neg="""
        gatubelysningen är dålig
        för mörkt på gång- och cykelvägarna
        gatlampor som varit trasiga i månader
        kolsvart i gångtunneln
        släck inte gatubelysningen på natten
        varför är lamporna släckta på natten?
        byt ut lamporna som är trasiga
        mer ljus i tunnlarna
        lampan utanför vårt hus har varit trasig sedan i höstas
        man ser ingenting när man går hem på vintern
        för dålig belysning på skolvägen
        det är becksvart på vägen till busshållplatsen
        sätt upp fler lampor
    """,
    fut="""
        väl upplysta gator och gångvägar
        smart belysning som tänds när man går förbi
        ljust och välkomnande på kvällarna
        inga mörka tunnlar
        LED-belysning överallt
        belysning som gör att man vågar gå ute
        upplysta promenadstråk året runt
    """,
    nk_pos="""
        ljussättningen vid Strömmen på kvällen
    """,
    nk_neg="""
        mörkt längs Strömmen på kvällen
        Himmelstalund är kolsvart när man går hem
        belysningen i Folkparken
    """,
    nk_fut="""
        upplysta promenadstråk längs hela Strömmen
    """,
)

_component(
    "polis_vakter",
    (1, 4, 2),
    gi="""
        poliser
        polis
        ordningsvakter
        kameraövervakning
        kameror
        trygghetsvärdar
        nattvandrare
        synlig polis
        fotpatrullerande poliser
        polisnärvaro
        väktare
        övervakningskameror
        områdespoliser
        kommunala ordningsvakter
        vakter
        närpoliser
    """,
    gd="""
        polisen
        ordningsvakterna
        kamerorna
        nattvandrarna
        polisnärvaron
        kameraövervakningen
        väktarna
        trygghetsvärdarna
        polisstationen
        snuten
    """,
    pos="""
        bra att det finns nattvandrare på helgerna
        polisen syns mer på stan nu
        kamerorna på torget har gjort skillnad
        trygghetsvärdarna gör ett bra jobb
        ser ofta poliser till fots
        ordningsvakterna på stan en fredagskväll
    """,
    neg="""
        fler poliser på gatorna
        polisen syns aldrig till
        kameraövervakning på utsatta platser
        ordningsvakter i centrum på kvällar och helger
        det tar en evighet innan polisen kommer
        mer synlig polis
        polisen måste finnas på plats
        sätt upp kameror
        fler nattvandrare
        områdespoliser som känner folk
        polisen hinner inte med
        anställ kommunala ordningsvakter
        polisstationen borde ha öppet på kvällarna
        fler snutar ute
    """,
    fut="""
        synlig polis i alla stadsdelar
        kameror där det behövs
        ordningsvakter och trygghetsvärdar på stan
        en polisstation som har öppet
        närpolis i varje stadsdel
        vuxna som nattvandrar varje helg
    """,
    nk_neg="""
        kameror i Järnvägsparken
        poliser på Drottninggatan på helgkvällar
    """,
)

# ----------------------------------------------------------------- stadsmiljö
_component(
    "gronomraden",
    (9, 4, 6),
    gi="""
        parker
        grönområden
        grönytor
        natur
        träd
        lekplatser
        skog
        gröna stråk
        stadsparker
        blomsterrabatter
        naturområden
        grönska
        hundrastgårdar
        parkbänkar
        gröna ytor
        blommor
        parker och grönområden
    """,
    gd="""
        parkerna
        grönområdena
        lekplatserna
        stadsparken
        blomsterplanteringarna
        rabatterna
        naturområdena
        grönytorna
        parken
        lekparken
    """,
    gp="""
        naturen
        träden
        skogen
        grönskan
    """,
    bi="""
        nedhuggna träd
    """,
    pos="""
        nära till naturen
        så mycket grönt
        fina parker att promenera i
        mycket natur runt om
        härliga promenadstråk i skogen
        de fina lekplatserna
        grönt och lummigt
        blommorna i parkerna på sommaren
        natur nära inpå
        har skogen runt hörnet
        det gröna
        man är ute i naturen på fem minuter
        att man kan plocka svamp och bär nästan inne i stan
        parkerna med alla blommor
        grönskan på sommaren
    """,
    neg="""
        bevara grönområdena
        fler träd i stan
        lekplatserna är slitna och tråkiga
        rusta upp lekplatserna
        mer grönska i stan
        plantera fler träd
        varför huggs alla träd ner?
        fler parkbänkar och blommor i parkerna
        parkerna är tråkiga
        det behövs en riktig stadspark
        mer grönt, mindre asfalt
        hundrastgård i fler stadsdelar
        sluta ta bort grönområden
        en lekplats i {ort} skulle behövas
        ta vara på skogen nära stan
    """,
    fut="""
        en grön stad med mycket träd
        parker i varje stadsdel
        grönt och lummigt överallt
        att grönområdena finns kvar
        gröna tak och mycket växtlighet
        natur nära alla
        fina lekplatser överallt
        en grön stad
        en stad där naturen får ta plats
        mer parker än parkeringar
    """,
    nk_pos="""
        Folkparken
        Himmelstalund
        promenaderna i Himmelstalund
        Folkparken på sommaren
        Vrinneviskogen
        Färgargården
        kaktusplanteringen i Karl Johans park
        Himmelstalund och Folkparken
        att ha Vrinneviskogen runt knuten
    """,
    nk_neg="""
        rusta upp Folkparken
        fler parker i innerstaden som Folkparken
        lekplatsen i Folkparken är sliten
        rör inte Vrinneviskogen
    """,
    nk_fut="""
        Himmelstalund ska vara kvar som grön lunga
        Folkparken som en levande park för alla
        ett grönt stråk från Himmelstalund in till centrum
    """,
)

_component(
    "vattnet",
    (9, 2, 4),
    gi="""
        badplatser
        strandpromenader
        bryggor
        kajpromenader
        vattenkontakt
        båtplatser
        strandbad
        tillgång till vatten
        bad
        båtliv
    """,
    gd="""
        strandpromenaden
        kajerna
        badplatserna
        bryggorna
        stranden
        kajen
        badstranden
    """,
    gp="""
        vattnet
        havet
        ån
        sjön
        skärgården
    """,
    pos="""
        närheten till vattnet
        att vi har vatten mitt i stan
        skärgården
        fina badplatser
        att bada på sommaren
        promenera längs vattnet
        att man kan sitta vid vattnet en sommarkväll
        havet
        båtlivet på sommaren
        man ser vatten nästan överallt
        närheten till havet och sjöarna
        att man kan cykla till en badplats
        vattnet mitt i stan
    """,
    neg="""
        gör det lättare att komma ner till vattnet
        fler badplatser
        rusta upp badplatserna
        bättre bryggor
        mer liv vid vattnet
        strandpromenaden borde förlängas
        fler båtplatser
        vattnet känns avskärmat från stan
        det finns inga bra badplatser inne i stan
        kajen är bara en parkeringsplats
    """,
    fut="""
        en stad som tar vara på sitt läge vid vattnet
        promenadstråk längs hela vattnet
        caféer och bryggor vid vattnet
        fler badplatser i stan
        att man kan bada mitt i stan
        en stad vänd mot vattnet
        bryggor och kajer där folk vill vara
    """,
    nk_pos="""
        Strömmen
        Motala ström
        Bråviken
        promenader längs Strömmen
        forsarna i Strömmen
        Bråviken och skärgården
        Arkösund på sommaren
        att Motala ström rinner genom stan
        strömmen genom stan
        badet vid Lindö
    """,
    nk_neg="""
        gör det möjligt att bada i Strömmen
        fler bryggor vid Bråviken
        strandpromenad hela vägen längs Bråviken
        Strömmen borde synas mer
    """,
    nk_fut="""
        en stad vänd mot Bråviken
        bad i Strömmen mitt i stan
        strandpromenad längs hela Bråviken
        kajer längs Strömmen fulla av liv
    """,
)

_component(
    "stadskarnan",
    (6, 8, 6),
    gi="""
        butiker
        affärer
        restauranger
        caféer
        uteserveringar
        uteliv
        småbutiker
        shopping
        torghandel
        restauranger och caféer
        folkliv
        nattliv
        krogar
        kaféer
        handel i centrum
    """,
    gd="""
        centrum
        stadskärnan
        city
        butikerna
        restaurangerna
        caféerna
        torget
        gågatan
        uteserveringarna
        handeln i centrum
        krogarna
        centrumhandeln
        stan
        innerstan
    """,
    bi="""
        tomma lokaler
        tomma skyltfönster
        butiksdöd
        nedlagda butiker
        tomma butikslokaler
    """,
    bd="""
        butiksdöden
        de tomma lokalerna
        de tomma skyltfönstren
    """,
    pos="""
        mysiga caféer
        bra utbud av restauranger
        lagom stor stad med allt i centrum
        att allt finns på gångavstånd i centrum
        uteserveringarna på sommaren
        ett härligt folkliv på torget
        bra shopping
        många bra restauranger
        mysig stadskärna
        gågatan
        det finns bra ställen att äta på
        en levande stadskärna
        mysigt att fika på stan
    """,
    neg="""
        centrum dör
        för många tomma lokaler i centrum
        alla butiker flyttar ut till köpcentrumen
        centrum känns dött efter kl 18
        fler restauranger och caféer
        centrum behöver mer liv
        bara frisörer och mobilbutiker kvar i stan
        få in fler butiker i centrum
        det är ödsligt på stan på kvällarna
        mer uteliv
        torget är tråkigt
        stan är död en vanlig tisdag
        gör centrum mer levande
    """,
    fut="""
        ett levande centrum med butiker och caféer
        mycket folk i rörelse i centrum
        en stadskärna som lever även på kvällen
        mer uteserveringar och folkliv
        ett centrum där man vill vara
        en mysig stadskärna med små butiker
        ett levande city
    """,
    nk_pos="""
        Knäppingsborg
        caféerna i Knäppingsborg
        Drottninggatan
        Gamla torget
        Knäppingsborg med sina små butiker
        Kungsgatan och Drottninggatan
        Knäppingsborg på sommaren
    """,
    nk_neg="""
        Drottninggatan är död
        för många tomma lokaler på Drottninggatan
        handeln flyttar ut till Ingelsta
        Hamngatan är tråkig
        centrum kan inte konkurrera med Ingelsta
    """,
    nk_fut="""
        mer Knäppingsborg i resten av stan
        Drottninggatan full av liv igen
    """,
)

_component(
    "kulturarv",
    (5, 2, 3),
    gi="""
        gamla byggnader
        historiska miljöer
        arkitektur
        gamla hus
        kulturmiljöer
        historia
        industrihistoria
        kulturarv
        gammal bebyggelse
        gamla fabriksbyggnader
        sekelskifteshus
        byggnadsvård
        kulturhistoriska byggnader
    """,
    gd="""
        arkitekturen
        stadsbilden
        de gamla husen
        de gamla byggnaderna
        kulturmiljöerna
        den gamla bebyggelsen
        stadens historia
        kulturarvet
        gamla stan
    """,
    gp="""
        historien
        stadens själ
        stadens karaktär
    """,
    bi="""
        fula betonglådor
        fula nybyggen
        rivningar av gamla hus
        glashus som inte passar in
    """,
    bd="""
        rivningarna
        de fula nybyggena
        rivningen av gamla hus
    """,
    pos="""
        den vackra arkitekturen
        historien som syns överallt
        stadens själ
        de gamla fabrikerna som fått nytt liv
        charmig gammal stadsmiljö
        det känns som en stad med historia
        vackra gamla hus
        karaktären
        kyrkorna och de gamla byggnaderna
        en stad med själ och karaktär
    """,
    neg="""
        sluta riva gamla hus
        bevara de gamla miljöerna
        nybyggena förstör stadsbilden
        bygg inte bort stadens karaktär
        ta hand om de historiska byggnaderna
        nya hus ser likadana ut överallt
        värna om kulturarvet
        fula betonglådor
        de gamla husen förfaller
    """,
    fut="""
        att vi har bevarat stadens själ
        nytt och gammalt i harmoni
        historien finns kvar i stadsbilden
        vacker arkitektur även i nya hus
        en stad som vårdar sin historia
        stadens karaktär bevarad
    """,
    nk_pos="""
        Industrilandskapet
        industrilandskapet
        de gamla textilfabrikerna
        hällristningarna i Himmelstalund
        Strykjärnet
        Norrköpings historia som textilstad
        de gamla fabrikerna längs Strömmen
        Gamla rådhuset
    """,
    nk_neg="""
        riv inte mer av det gamla Norrköping
        bevara industrilandskapet
        värna de gamla fabrikerna
    """,
    nk_fut="""
        industrilandskapet bevarat och levande
        textilstadens historia synlig för alla
    """,
)

_component(
    "renhallning",
    (2, 6, 3),
    gi="""
        städning
        renhållning
        skötsel
        papperskorgar
        snöröjning
        sandsopning
        gräsklippning
        gatustädning
        underhåll av gator
        offentliga toaletter
        soptunnor
        sopning
    """,
    gd="""
        städningen
        renhållningen
        snöröjningen
        skötseln
        papperskorgarna
        gatustädningen
        underhållet
        sandsopningen
        de offentliga toaletterna
    """,
    bi="""
        skräp
        nedskräpning
        klotter
        fimpar
        hundbajs
        glaskross
        ogräs
        trasiga bänkar
        tags
        skräpiga gator
    """,
    bd="""
        skräpet
        nedskräpningen
        klottret
        fimparna
        hundbajset
        glaskrosset
        ogräset
        taggarna
        de trasiga bänkarna
    """,
    pos="""
        rent och snyggt
        välskött
        gatorna är rena
        bra snöröjning
        fint skött stad
        de städar snabbt efter helgerna
        fin skötsel av offentliga platser
        välskötta gator
    """,
    neg="""
        det är skräpigt överallt
        mer städning
        tömma papperskorgarna oftare
        klotter som aldrig tas bort
        snöröjningen är katastrof
        fimpar och skräp överallt
        trasiga bänkar som ingen lagar
        offentliga toaletter saknas
        gatorna är smutsiga
        sanden ligger kvar till juni
        sopa gatorna oftare
        överallt ligger det skräp
        nedskräpningen är skämmig
        snöröjningen på småvägarna är usel
    """,
    fut="""
        en ren och välskött stad
        inget klotter
        rena gator och torg
        skötsel som håller hela året
        en ren stad som man är glad att visa upp
        snyggt och städat
    """,
)

# ----------------------------------------------------------------- resor
_component(
    "kollektivtrafik",
    (4, 7, 5),
    gi="""
        kollektivtrafik
        bussar
        busslinjer
        spårvagnar
        turtäthet
        bussförbindelser
        nattbussar
        bussturer
        avgångar
        lokaltrafik
        busskort
        bussar på kvällen
        kollektivtrafik på helgerna
    """,
    gd="""
        kollektivtrafiken
        bussarna
        spårvagnarna
        spårvagnen
        lokaltrafiken
        busslinjerna
        turtätheten
        bussförbindelserna
        hållplatserna
        kollektivtrafiken/bussarna
        busstrafiken
        bussen
        busstiderna
    """,
    bi="""
        förseningar
        inställda bussar
        dyra bussbiljetter
        glesa turer
    """,
    bd="""
        förseningarna
        de inställda bussturerna
        de höga biljettpriserna
    """,
    pos="""
        bra bussförbindelser
        lätt att ta sig runt med buss
        bussarna går ofta
        spårvagnen
        kollektivtrafiken funkar bra
        smidigt att åka kollektivt
        det går bussar nästan överallt
        fin kollektivtrafik
        gratis buss för pensionärer
        man klarar sig utan bil tack vare bussarna
    """,
    neg="""
        bussarna går för sällan
        dyrt att åka buss
        bussen kommer aldrig i tid
        glesa turer på kvällar och helger
        fler bussar på kvällarna
        bättre kollektivtrafik
        sänk biljettpriserna
        nattbuss på helgerna
        för få avgångar
        hållplatserna saknar väderskydd
        bussarna är alltid fulla
        appen för bussbiljetter krånglar
        kollektivtrafiken/bussarna måste bli bättre
        direktbuss till jobbet
        bussen till {ort} går bara en gång i timmen
        busskortet är för dyrt för en pensionär
    """,
    fut="""
        kollektivtrafik som går ofta och i tid
        gratis kollektivtrafik
        en kollektivtrafik alla vill använda
        elbussar
        tät och billig busstrafik
        spårvagn till fler stadsdelar
        bussar var tionde minut
    """,
    nk_pos="""
        spårvagnarna
        spårvagnarna i Norrköping
        att vi har spårvagn
    """,
    nk_neg="""
        Östgötatrafiken måste skärpa sig
        förläng spårvägen
        spårvagnen till Vrinnevi
        spårvagnen borde gå till fler stadsdelar
        Östgötatrafikens app fungerar dåligt
    """,
    nk_fut="""
        spårvagn ända ut till Vrinnevi och Ljura
        spårvägen utbyggd till alla stadsdelar
    """,
)

_component(
    "cykel_gang",
    (3, 5, 4),
    gi="""
        cykelbanor
        cykelvägar
        gång- och cykelvägar
        cykelstråk
        trottoarer
        cykelparkeringar
        gångstråk
        säkra skolvägar
        cykelställ
        gångvägar
        cykelleder
        cykelgarage
        gc-vägar
        cykelpendling
    """,
    gd="""
        cykelbanorna
        cykelvägarna
        trottoarerna
        gångstråken
        cykelparkeringen
        cykelnätet
        gång- och cykelvägarna
        cykelställen
        skolvägen
        cykelbanan
        gc-vägarna
    """,
    bi="""
        smala trottoarer
        farliga korsningar för cyklister
        elsparkcyklar på trottoarerna
        cykelbanor som tar slut
    """,
    bd="""
        elsparkcyklarna
        de smala trottoarerna
        hålen i cykelbanorna
    """,
    pos="""
        lätt att cykla överallt
        bra cykelvägar
        allt går att nå på cykel
        lätt att ta sig fram till fots
        platt och cykelvänligt
        cykelbanorna
        man kan gå överallt
        fina gångstråk genom stan
        jag cyklar till jobbet varje dag
        lagom avstånd för att cykla
    """,
    neg="""
        cykelbanorna tar slut mitt i ingenstans
        fler cykelvägar
        säkrare skolvägar för barnen
        bredda trottoarerna
        fler cykelparkeringar
        bilar och cyklar i samma fil är livsfarligt
        elsparkcyklar överallt på trottoarerna
        cykelbanan är full av hål
        gör det lättare att cykla
        sammanhängande cykelbanor
        trottoarerna är för smala
        cykelväg till {ort}
        låsbara cykelgarage
        skilj på gående och cyklister
    """,
    fut="""
        en cykelstad
        cykelbanor som hänger ihop
        gångvänlig stad
        prioritera gående och cyklister
        säkra skolvägar
        man ska kunna cykla säkert överallt
        cykelgarage vid alla knutpunkter
        snabbcykelvägar mellan stadsdelarna
    """,
    nk_pos="""
        cykelbanan längs Strömmen
        cykelvägen ut till Lindö
    """,
    nk_neg="""
        cykelväg till Skärblacka
        cykelbana hela vägen till Åby
        cykelvägen längs Söderleden är livsfarlig
    """,
    nk_fut="""
        cykelbana ut till Krokek
    """,
)

_component(
    "bil_parkering",
    (2, 6, 2),
    gi="""
        parkeringar
        parkeringsplatser
        p-platser
        gratis parkering
        framkomlighet
        parkeringshus
        parkering
        infartsparkeringar
        gatuparkering
        parkering vid jobbet
        vägar
    """,
    gd="""
        parkeringen
        p-platserna
        framkomligheten
        vägarna
        trafiken
        parkeringshusen
        trafikljusen
        rondellerna
        biltrafiken
        trafiksäkerheten
    """,
    bi="""
        köer
        bilköer
        vägarbeten
        dyra parkeringsavgifter
        avstängda gator
        omledningar
        fartgupp
        vägbulor
        rusningstrafik
        parkeringsböter
    """,
    bd="""
        köerna
        vägarbetena
        parkeringsavgifterna
        bilköerna
        fartgupperna
        parkeringsböterna
        omledningarna
        p-avgifterna
    """,
    pos="""
        lätt att ta sig fram med bil
        bra vägar
        lätt att hitta parkering
        nära till E4:an
        smidigt med bil
        inga köer
        gratis parkering på helgerna
        bra vägnät
    """,
    neg="""
        för dyrt att parkera
        omöjligt att hitta parkering
        vägarbeten överallt samtidigt
        fler p-platser i centrum
        sluta kriga mot bilisterna
        bilköer varje morgon
        farliga korsningar
        fartgupp överallt
        kommunen tar bort parkeringsplatser
        laga vägarna
        folk kör för fort på bostadsgatorna
        billigare p-avgifter
        parkeringen vid sjukhuset kostar skjortan
        synkronisera trafikljusen
    """,
    fut="""
        lätt att ta sig fram oavsett färdmedel
        gratis parkering i centrum
        parkeringshus i utkanten och bilfritt i centrum
        bra vägar utan köer
        smidig trafik
        infartsparkeringar vid infarterna
        gott om laddplatser och p-platser
    """,
    nk_neg="""
        köerna på Söderleden
        parkeringsavgifterna i innerstaden
        trafiken på Norra promenaden
        E4 genom stan
    """,
    nk_fut="""
        bilfri Drottninggata med parkeringshus runt om
    """,
)

_component(
    "tag_pendling",
    (5, 3, 4),
    gi="""
        tågförbindelser
        pendeltåg
        snabbtåg
        pendlingsmöjligheter
        flyg
        flygförbindelser
        tågpendling
        direkttåg
        tågtider
        regionaltåg
        nattåg
        tågavgångar
    """,
    gd="""
        tågen
        pendlingen
        tågförbindelserna
        resecentrum
        stationen
        järnvägsstationen
        flygplatsen
        tågtrafiken
        pendeltågen
        centralstationen
        tåget
    """,
    gp="""
        läget
    """,
    bi="""
        försenade tåg
        inställda tåg
        långa restider
        tågförseningar
    """,
    bd="""
        tågförseningarna
        restiden
        förseningarna på tågen
    """,
    pos="""
        bra läge, nära till Stockholm
        smidigt att pendla
        tåget tar en till Stockholm på nolltid
        bra kommunikationer med tåg
        lätt att resa härifrån
        centralt läge i landet
        närheten till flygplatsen
        bra pendlingsmöjligheter
        nära till storstäderna med tåg
    """,
    neg="""
        tågen är alltid försenade
        snabbare tåg till Stockholm
        dyrt att pendla med tåg
        bättre tågförbindelser
        resecentrum är tråkigt och slitet
        fler avgångar mot Stockholm
        flygplatsen behöver fler destinationer
        stationen behöver rustas upp
        pendlingen tar för lång tid
        fler tåg på helgerna
    """,
    fut="""
        snabba tåg till storstäderna
        ett modernt resecentrum
        pendling på under en timme till Stockholm
        en knutpunkt för tåg
        direkttåg till Arlanda
        att snabbtågen stannar här
        tåg som går i tid
    """,
    nk_pos="""
        närheten till Linköping
        pendla till Linköping
        pendeltåget till Linköping
        halvtimme till Linköping med tåg
        att Ostlänken kommer
        Norrköpings flygplats
    """,
    nk_neg="""
        Ostlänken dröjer alldeles för länge
        Ostlänken måste byggas klart
        nya resecentrum tar för lång tid
        Ostlänken ska inte gå genom fina naturområden
        Kungsängens flygplats behöver fler linjer
    """,
    nk_fut="""
        Ostlänken färdig och i drift
        Ostlänken och ett nytt resecentrum
        när Ostlänken är klar är Stockholm bara en timme bort
        en tågstad med Ostlänken
    """,
)

# ----------------------------------------------------------------- bostäder
_component(
    "bostader",
    (2, 6, 5),
    gi="""
        bostäder
        lägenheter
        hyresrätter
        studentbostäder
        seniorboende
        villatomter
        bostäder för unga
        förstahandskontrakt
        bostadsrätter
        radhus
        småhustomter
        billiga lägenheter
        ettor och tvåor
        boenden
        trygghetsboenden
    """,
    gd="""
        bostadsmarknaden
        lägenheterna
        boendet
        bostadsbeståndet
        hyresvärdarna
        bostadsbolaget
    """,
    bi="""
        bostadsbrist
        höga hyror
        långa bostadsköer
        andrahandskontrakt
        renovräkningar
        dyra bostäder
        hyreshöjningar
    """,
    bd="""
        bostadsbristen
        hyrorna
        bostadskön
        hyreshöjningarna
        renovräkningarna
        bostadsköerna
        boendekostnaden
    """,
    pos="""
        billigt boende jämfört med Stockholm
        prisvärda bostäder
        lätt att hitta boende
        rimliga bostadspriser
        fina bostadsområden
        man har råd med ett hus här
        vi fick lägenhet snabbt
    """,
    neg="""
        omöjligt för unga att hitta lägenhet
        bostadskön är alldeles för lång
        hyrorna är för höga
        fler hyresrätter med rimlig hyra
        studentbostäder saknas
        bostäder för äldre som vill flytta från villan
        renovräkningarna måste stoppas
        billigare lägenheter
        bostadsbolaget höjer hyrorna hela tiden
        mina barn har stått i kö i åratal
        fler småhustomter
        går inte att få en lägenhet i första hand
        bostadsbristen är skriande
    """,
    fut="""
        bostäder för alla plånböcker
        ingen bostadsbrist
        att unga har råd att flytta hemifrån
        blandade upplåtelseformer i alla områden
        korta bostadsköer
        bra boende för äldre
        hyror man har råd med
        lägenheter till rimliga priser
    """,
    nk_neg="""
        Hyresbostäder höjer hyrorna
        kön hos Hyresbostäder är för lång
    """,
)

_component(
    "stadsbyggnad",
    (3, 3, 4),
    gi="""
        stadsplanering
        nya stadsdelar
        förtätning
        nybyggen
        byggprojekt
        höghus
        nya kvarter
        blandstad
        stadsutveckling
        bebyggelse
        planering
    """,
    gd="""
        stadsplaneringen
        byggandet
        nybyggnationen
        förtätningen
        stadsutvecklingen
        byggplanerna
        detaljplanerna
        de nya stadsdelarna
        utbyggnaden
        planeringen
    """,
    bi="""
        förtätning på fel ställen
        höghus som skuggar
        byggkaos
        dålig planering
    """,
    bd="""
        förtätningen
        byggkaoset
        höghusplanerna
    """,
    pos="""
        det byggs och händer mycket
        staden utvecklas
        spännande byggprojekt
        nya stadsdelar växer fram
        kul att se stan växa
        bra stadsplanering
        det byggs mycket nytt
    """,
    neg="""
        dålig stadsplanering
        sluta förtäta
        bygg inte höghus i gamla villaområden
        tänk helhet när ni planerar
        allt byggs på fel ställen
        planeringen tar för lång tid
        bygg ihop stadsdelarna
        vägar och service måste byggas innan husen
        mindre höghus
        för många byggen på gång samtidigt
    """,
    fut="""
        en genomtänkt stad där allt hänger ihop
        nya levande stadsdelar
        en tät och levande stad
        stan har vuxit på ett klokt sätt
        blandstad istället för sovstäder
        färdigbyggda nya stadsdelar
        välplanerade nya kvarter
    """,
    nk_pos="""
        Inre hamnen
        utvecklingen av Inre hamnen
        Inre hamnen är spännande
        det nya Butängen
    """,
    nk_neg="""
        Inre hamnen tar för lång tid
        planerna för Inre hamnen känns för kompakta
        Södra Butängen blev för tätt
    """,
    nk_fut="""
        Inre hamnen färdigbyggd
        att Inre hamnen har blivit en riktig stadsdel
    """,
)

# ----------------------------------------------------------------- arbete
_component(
    "jobb",
    (2, 5, 5),
    gi="""
        jobb
        arbetstillfällen
        sommarjobb
        praktikplatser
        arbetsplatser
        feriejobb
        lärlingsplatser
        anställningar
        jobbmöjligheter
        jobb för unga
        jobb för nyanlända
        kvalificerade jobb
    """,
    gd="""
        arbetsmarknaden
        jobbmöjligheterna
        sommarjobben
        praktikplatserna
    """,
    bi="""
        arbetslöshet
        ungdomsarbetslöshet
        långtidsarbetslöshet
        bidragsberoende
    """,
    bd="""
        arbetslösheten
        ungdomsarbetslösheten
        bidragsberoendet
        långtidsarbetslösheten
    """,
    pos="""
        bra jobbmöjligheter
        lätt att få jobb
        det finns jobb om man vill
        min arbetsplats
        många arbetsgivare
        bra arbetsmarknad
        jobbet
    """,
    neg="""
        för få jobb
        hög arbetslöshet
        fler sommarjobb till ungdomar
        svårt att få jobb utan kontakter
        jobb för dem som står långt från arbetsmarknaden
        kvalificerade jobb så att akademiker stannar
        alla som kan jobba ska jobba
        få folk i arbete
        jobb istället för bidrag
        mina barn får inga sommarjobb
        jobb åt de som är arbetslösa
    """,
    fut="""
        jobb åt alla
        låg arbetslöshet
        en stad där unga får jobb
        full sysselsättning
        fler arbetstillfällen
        att alla som kan jobba har ett jobb
    """,
)

_component(
    "naringsliv",
    (2, 3, 4),
    gi="""
        företag
        nya företag
        etableringar
        företagsetableringar
        näringsliv
        entreprenörskap
        logistik
        industri
        småföretag
        startups
        investeringar
        kompetensförsörjning
        nyföretagande
        företagande
    """,
    gd="""
        näringslivet
        företagsklimatet
        logistiken
        industrin
        företagen
    """,
    gp="""
        småföretagarna
        företagarna
        entreprenörerna
    """,
    bi="""
        nedläggningar
        företag som flyttar härifrån
    """,
    bd="""
        nedläggningarna
        företagsflykten
    """,
    pos="""
        bra företagsklimat
        många spännande företag
        växande näringsliv
        innovativa företag
        stark industri
        nära samarbete mellan kommun och företag
        lätt att starta företag
    """,
    neg="""
        bättre företagsklimat
        locka hit fler företag
        förenkla för småföretagare
        stötta lokala företagare
        fler etableringar
        företagen hittar inte rätt kompetens
        stöd småföretagen
        samarbeta mer med näringslivet
        ta hand om de företag som redan finns
    """,
    fut="""
        ett starkt och varierat näringsliv
        många nystartade företag
        en logistiknod
        entreprenörskap i toppklass
        företag i framkant
        en innovativ tillväxtort
        en självklar plats att starta företag
    """,
    nk_pos="""
        hamnen och logistiken
        Norrköpings hamn
        etableringarna på Händelö
        logistiken på Händelö
    """,
    nk_neg="""
        fler företag till Händelö
        hamnen borde utvecklas mer
    """,
    nk_fut="""
        Sveriges logistiknav med hamnen och Händelö
    """,
)

# ----------------------------------------------------------------- utbildning
_component(
    "skola",
    (2, 5, 5),
    gi="""
        skolor
        lärare
        behöriga lärare
        studiero
        elevhälsa
        speciallärare
        gymnasieskolor
        grundskolor
        skolgårdar
        resurser i skolan
        skolmat
        skolsköterskor
    """,
    gd="""
        skolan
        skolorna
        klasserna
        skolresultaten
        studieron
        gymnasiet
        grundskolan
        skolmaten
        skolgården
        skolmiljön
        högstadiet
        mellanstadiet
    """,
    gp="""
        lärarna
    """,
    bi="""
        stökiga klasser
        stora klasser
        lärarbrist
        dåliga skolresultat
        nedslitna skolor
        mobbning
    """,
    bd="""
        lärarbristen
        mobbningen
        skolresultaten
        de stora klasserna
        stöket i klassrummen
    """,
    pos="""
        bra skolor
        barnens skola är fantastisk
        engagerade lärare
        bra gymnasieutbud
        möjligheten att välja skola
        fin skola i närheten
        barnen trivs i skolan
    """,
    neg="""
        mindre klasser
        fler lärare
        skolresultaten är för dåliga
        stök i klassrummen
        för många elever går ut utan behörighet
        mer resurser till skolan
        renovera skolorna
        mobbningen måste tas på allvar
        bättre skolmat
        fler speciallärare
        lärarna hinner inte med
        skolan i {ort} behöver rustas upp
        mitt barn har haft fem olika lärare på ett år
    """,
    fut="""
        skolor i toppklass
        alla elever når målen
        trygg skolmiljö med studiero
        behöriga lärare i alla klasser
        Sveriges bästa skola
        en skola där alla elever blir sedda
    """,
)

_component(
    "forskola",
    (1, 2, 2),
    gi="""
        förskoleplatser
        förskolor
        pedagoger
        förskollärare
        barnomsorg
        dagis
        nattis
        barnomsorg på obekväm tid
        dagisplatser
    """,
    gd="""
        förskolan
        förskolorna
        dagis
        barngrupperna
        öppettiderna på förskolan
        förskolepersonalen
    """,
    gp="""
        pedagogerna
    """,
    bi="""
        stora barngrupper
        förskolebrist
    """,
    bd="""
        de stora barngrupperna
        förskolekön
    """,
    pos="""
        bra förskola
        fantastiska pedagoger på förskolan
        lätt att få förskoleplats
        dagis nära hemmet
        barnen trivs på förskolan
        vår förskola är guld värd
    """,
    neg="""
        mindre barngrupper på förskolan
        förskoleplats nära hemmet
        fler förskollärare
        barngrupperna är för stora
        förskolorna har för lite personal
        barnomsorg på kvällar och helger för oss som jobbar skift
        kön till förskolan är lång
        vi fick förskoleplats på andra sidan stan
        dagis måste ha fler vuxna
    """,
    fut="""
        små barngrupper
        förskola för alla barn nära hemmet
        trygg förskola
        förskolor med utbildade pedagoger
        flexibla öppettider på förskolan
    """,
)

_component(
    "hogre_utbildning",
    (4, 2, 4),
    gi="""
        högre utbildning
        universitetsutbildningar
        högskoleutbildningar
        forskning
        yrkeshögskola
        vuxenutbildning
        komvux
        utbildningsplatser
        studentliv
        utbildningar
        YH-utbildningar
    """,
    gd="""
        universitetet
        campus
        forskningen
        komvux
        yrkeshögskolan
        vuxenutbildningen
        studentlivet
        högskolan
    """,
    gp="""
        studenterna
    """,
    pos="""
        att vi har universitet
        studenterna ger liv åt stan
        campus
        bra möjligheter att plugga vidare
        komvux gav mig en andra chans
        forskning i världsklass
        närheten till universitetet
    """,
    neg="""
        fler utbildningar på universitetet
        behåll studenterna efter examen
        mer samarbete med universitetet
        fler yrkeshögskoleutbildningar
        fler platser på komvux
        studentlivet kan bli bättre
        studentstad på riktigt
        fler utbildningar för vuxna som vill byta yrke
    """,
    fut="""
        en riktig studentstad
        ett större universitet
        ledande forskning
        utbildning för alla åldrar
        fler studenter som stannar kvar efter examen
    """,
    nk_pos="""
        Campus Norrköping
        LiU
        Linköpings universitet här i stan
        LiU Campus Norrköping
        campus vid Strömmen
        Visualiseringscenter och universitetet
    """,
    nk_neg="""
        fler utbildningar på Campus Norrköping
        LiU borde satsa mer på Norrköping
    """,
    nk_fut="""
        Campus Norrköping dubbelt så stort
    """,
)

# ----------------------------------------------------------------- välfärd
_component(
    "aldreomsorg",
    (1, 4, 3),
    gi="""
        äldreomsorg
        äldreboenden
        hemtjänst
        platser på äldreboende
        personalkontinuitet
        omsorg om äldre
        personal i äldreomsorgen
        anhörigstöd
        äldrevård
        dagverksamhet för äldre
    """,
    gd="""
        äldreomsorgen
        hemtjänsten
        äldreboendet
        äldreboendena
        omsorgen
        personalen i hemtjänsten
        maten på äldreboendet
        demensvården
    """,
    bi="""
        personalbrist i äldreomsorgen
        stress i hemtjänsten
        ensamhet bland äldre
    """,
    bd="""
        personalbristen i äldreomsorgen
        stressen i hemtjänsten
    """,
    pos="""
        bra hemtjänst
        mamma har det bra på äldreboendet
        personalen i hemtjänsten är fantastisk
        bra äldreomsorg
        pappa fick plats på boende snabbt
    """,
    neg="""
        för många olika i hemtjänsten
        personal som hinner prata med de gamla
        äldreboendet serverar uppvärmd mat
        platser på äldreboende när man behöver det
        ensamma äldre
        min pappa fick vänta i månader på plats
        hemtjänsten har för lite tid
        höj lönerna inom äldreomsorgen
        bättre mat på äldreboendena
        femton olika personer från hemtjänsten på två veckor
        de gamla sitter ensamma hela dagarna på boendet
    """,
    fut="""
        en värdig ålderdom
        äldreomsorg med tid för omtanke
        att ingen äldre ska vara ensam
        samma personal varje dag i hemtjänsten
        att man får plats på äldreboende när man behöver
        en bra ålderdom för alla
    """,
)

_component(
    "vard_halsa",
    (1, 5, 3),
    gi="""
        vårdcentraler
        vård
        sjukvård
        läkare
        psykiatri
        akutvård
        folkhälsa
        ungdomsmottagning
        distriktssköterskor
        tandvård
        barnmorskor
        fast läkarkontakt
        hälsovård
        vårdplatser
    """,
    gd="""
        vården
        vårdcentralen
        sjukhuset
        akuten
        psykiatrin
        BUP
        sjukvården
        ambulansen
        1177
    """,
    bi="""
        långa väntetider
        vårdköer
        psykisk ohälsa
        läkarbrist
    """,
    bd="""
        vårdköerna
        väntetiderna
        den psykiska ohälsan
        läkarbristen
    """,
    pos="""
        bra vårdcentral
        nära till sjukhuset
        bra sjukvård
        snabb hjälp på akuten
        vårdcentralen är jättebra
    """,
    neg="""
        kortare väntetider på akuten
        omöjligt att komma fram till vårdcentralen
        fler läkare
        BUP har för långa köer
        fast läkare
        vård i närheten
        sjukhuset behöver mer personal
        man får vänta i åtta timmar på akuten
        mer hjälp till dem som mår psykiskt dåligt
        vårdcentralen i {ort} har stängt
    """,
    fut="""
        vård när man behöver den
        god folkhälsa
        inga vårdköer
        en vårdcentral i varje stadsdel
        mer fokus på psykisk hälsa
        att alla har en fast läkare
    """,
    nk_pos="""
        Vrinnevisjukhuset
        närheten till Vrinnevisjukhuset
    """,
    nk_neg="""
        akuten på Vrinnevi
        väntetiderna på Vrinnevi
    """,
)

_component(
    "tillganglighet",
    (1, 2, 2),
    gi="""
        tillgänglighet
        ramper
        hissar
        anpassade lokaler
        anpassade toaletter
        handikapparkeringar
        ledsagning
        färdtjänst
        tillgänglig information
        lättläst information
        teckenspråkstolkning
        ledstråk
        personlig assistans
        daglig verksamhet
        LSS-boenden
    """,
    gd="""
        tillgängligheten
        färdtjänsten
        LSS
        ramperna
        hissarna
        ledsagningen
        handikapptoaletterna
    """,
    bi="""
        trappsteg överallt
        höga trottoarkanter
        otillgängliga lokaler
    """,
    bd="""
        de höga trottoarkanterna
        trapporna
        kullerstenen
    """,
    pos="""
        tillgängligt för rullstol i centrum
        bra färdtjänst
        bra LSS-verksamhet
        lätt att ta sig fram med rullator
    """,
    neg="""
        svårt att ta sig fram med rullstol
        fler ramper
        färdtjänsten kommer aldrig i tid
        hissarna är alltid trasiga
        information på lättläst svenska
        LSS-beslut tar för lång tid
        tänk på oss med funktionsnedsättning
        toaletter för rullstolsburna
        kullerstenen är omöjlig med rullator
        min son med autism får för lite stöd
        kommunens hemsida är inte tillgänglig för synskadade
    """,
    fut="""
        tillgänglig för alla oavsett funktionsförmåga
        en stad där man kan ta sig fram med rullstol överallt
        alla ska kunna delta på lika villkor oavsett funktionsnedsättning
        tillgänglighet i allt som byggs
    """,
)

# ----------------------------------------------------------------- kultur och fritid
_component(
    "kultur",
    (8, 3, 5),
    gi="""
        kultur
        kulturliv
        konserter
        teater
        museer
        bibliotek
        konst
        livemusik
        musik
        gallerier
        utställningar
        körer
        opera
        bio
        kulturhus
    """,
    gd="""
        kulturlivet
        biblioteket
        konstmuseet
        teatern
        symfoniorkestern
        musiklivet
        museerna
        stadsbiblioteket
        konserthuset
        bion
        kulturskolan
    """,
    pos="""
        kulturlivet
        bra bibliotek
        konserterna
        teatern
        rikt kulturliv
        mycket musik
        fina museer
        konstmuseet
        gratis utställningar
        kulturskolan
        musiken
    """,
    neg="""
        bevara biblioteken
        längre öppettider på biblioteket
        mer kultur i ytterområdena
        billigare teaterbiljetter
        fler konserter
        satsa på kulturen
        lägg inte ner filialbiblioteken
        bio i centrum
        mer pengar till kulturskolan
    """,
    fut="""
        en kulturstad
        kultur för alla
        levande musikliv
        en ledande kulturstad
        mer konst i offentliga miljöer
        ett nytt kulturhus
    """,
    nk_pos="""
        Louis De Geer
        konserterna i Louis De Geer
        Norrköpings symfoniorkester
        Arbetets museum
        Stadsmuseet
        Östgötateatern
        Norrköpings konstmuseum
        att vi är Sveriges musikhuvudstad
        musikhuvudstaden
        konserthuset Louis De Geer
    """,
    nk_neg="""
        lev upp till namnet "Sveriges musikhuvudstad"
        mer livemusik i musikhuvudstaden
        Östgötateatern borde spela mer här
    """,
    nk_fut="""
        Sveriges musikhuvudstad på riktigt
        ett nytt konserthus vid sidan av Louis De Geer
    """,
)

_component(
    "idrott_fritid",
    (5, 3, 3),
    gi="""
        idrottsanläggningar
        simhallar
        motionsspår
        föreningsliv
        fritidsaktiviteter
        idrottshallar
        utegym
        padelbanor
        elljusspår
        badhus
        fotbollsplaner
        konstgräsplaner
        ishallar
        gym
        spontanidrottsplatser
        bollplaner
        friluftsliv
    """,
    gd="""
        simhallen
        badhuset
        föreningslivet
        motionsspåret
        idrottshallen
        elljusspåret
        utegymmet
        ishallen
        fotbollsplanerna
        idrottsföreningarna
        idrottsplatsen
    """,
    pos="""
        föreningslivet
        bra motionsspår
        många idrottsföreningar
        utegymmen
        bra simhall
        mycket att göra på fritiden
        friluftslivet
        lätt att träna
        fina elljusspår
    """,
    neg="""
        simhallen är för liten och sliten
        fler idrottshallar
        tider i hallarna för föreningarna
        utegym i alla stadsdelar
        billigare att träna
        ett nytt badhus
        padelbanor
        en ny ishall
        stöd föreningarna
        fler fritidsaktiviteter för vuxna
        idrottshall i {ort}
    """,
    fut="""
        idrott och motion för alla
        starka föreningar
        aktivitetsparker i varje stadsdel
        en stad där det är lätt att röra på sig
        moderna idrottsanläggningar
    """,
    nk_pos="""
        elljusspåret i Himmelstalund
        Himmelstalundshallen
        IFK Norrköping
        Peking
        Centralbadet
        Norrköping Dolphins
    """,
    nk_neg="""
        Centralbadet är slitet
        fler tider i Himmelstalundshallen
        ett nytt badhus istället för Centralbadet
    """,
    nk_fut="""
        IFK Norrköping i allsvenskans topp
        ett nytt äventyrsbad
    """,
)

_component(
    "unga",
    (2, 4, 5),
    gi="""
        fritidsgårdar
        mötesplatser för unga
        aktiviteter för unga
        ungdomsgårdar
        saker att göra för ungdomar
        aktiviteter för barn
        sommaraktiviteter
        fritidsledare
        ungdomsverksamhet
        lovaktiviteter
        aktiviteter för tonåringar
    """,
    gd="""
        fritidsgårdarna
        fritidsgården
        ungdomsgården
        lovaktiviteterna
        ungdomsverksamheten
    """,
    bi="""
        sysslolösa ungdomar
        uttråkade tonåringar
    """,
    pos="""
        bra fritidsgårdar
        mycket aktiviteter för barn på loven
        lätt för barnen att hitta saker att göra
        bra stad att växa upp i
        unga som engagerar sig
        bra för barnfamiljer
    """,
    neg="""
        ungdomar har inget att göra
        fler fritidsgårdar
        mer för tonåringar
        öppna fritidsgårdarna på helgerna
        ställen där unga kan hänga
        satsa på barn och unga
        gratis lovaktiviteter
        unga måste få tro på framtiden
        mina tonåringar tycker att det är tråkigt här
    """,
    fut="""
        barn och unga ska ha framtidstro
        en stad där unga vill stanna
        mötesplatser för ungdomar i alla stadsdelar
        en bra stad att växa upp i
        mycket att göra för unga
        alla barn ska ha en meningsfull fritid
    """,
)

_component(
    "evenemang",
    (5, 3, 4),
    gi="""
        evenemang
        festivaler
        marknader
        turism
        julmarknader
        idrottsevenemang
        stadsfester
        folkfester
        mässor
        sommarfester
    """,
    gd="""
        evenemangen
        festivalerna
        marknaderna
        turismen
        besöksnäringen
        stadsfesten
        julmarknaden
    """,
    pos="""
        alla evenemang
        att det händer saker
        festivalerna på sommaren
        julmarknaden
        mycket besökare på sommaren
        stora evenemang
        det är alltid något på gång
    """,
    neg="""
        fler evenemang
        locka fler turister
        det händer för lite
        stora evenemang som lockar folk
        marknadsför stan bättre
        en stadsfest varje sommar
        fler festivaler
        det finns inget som lockar besökare
    """,
    fut="""
        en evenemangsstad
        en populär turiststad
        en stad folk vill besöka
        stora evenemang varje år
        festivaler och marknader året runt
    """,
    nk_pos="""
        Kolmårdens djurpark
        djurparken i Kolmården
        Stadsfesten
        alla turister som kommer till Kolmården
    """,
    nk_neg="""
        ta tillbaka Bråvalla
        Kolmårdens besökare borde stanna i stan också
    """,
    nk_fut="""
        Bråvalla tillbaka
        ett nytt Bråvalla
    """,
)

# ----------------------------------------------------------------- klimat
_component(
    "klimat_energi",
    (1, 3, 5),
    gi="""
        solceller
        förnybar energi
        laddstolpar
        laddplatser för elbilar
        klimatsatsningar
        fjärrvärme
        vindkraft
        klimatanpassning
        klimatarbete
        energieffektivisering
        solpaneler
        biogas
        klimatåtgärder
    """,
    gd="""
        klimatarbetet
        solcellerna
        laddstolparna
        klimatanpassningen
        vindkraften
        fjärrvärmen
        klimatmålen
    """,
    bi="""
        utsläpp
        översvämningar
        fossila bränslen
        koldioxidutsläpp
        värmeböljor
    """,
    bd="""
        utsläppen
        översvämningarna
        klimatkrisen
        klimatpåverkan
    """,
    pos="""
        kommunen tar klimatet på allvar
        satsningen på förnybar energi
        fjärrvärmen
        många laddstolpar
        solceller på kommunens tak
    """,
    neg="""
        minska utsläppen
        fler laddstolpar
        solceller på alla tak
        förbered för översvämningar
        sluta satsa på fossilt
        mer klimatanpassning
        klimatet måste tas på allvar
        elbilsladdning i bostadsområden
        klimatmålen måste nås
    """,
    fut="""
        en klimatneutral stad
        fossilfri
        hundra procent förnybar energi
        klimatsmart
        solceller på alla hus
        rustad för ett varmare klimat
        en föregångare i klimatarbetet
    """,
)

_component(
    "miljo_atervinning",
    (1, 2, 3),
    gi="""
        återvinning
        återvinningsstationer
        sortering
        källsortering
        återbruk
        matavfallsinsamling
        second hand
        miljötänk
        hållbar konsumtion
        återvinningscentraler
        pantstationer
        fastighetsnära insamling
    """,
    gd="""
        återvinningen
        återvinningscentralen
        återvinningsstationerna
        sopsorteringen
        luftkvaliteten
        vattenkvaliteten
        tippen
    """,
    gp="""
        luften
        miljön
    """,
    bi="""
        miljögifter
        luftföroreningar
        plast i naturen
        avgaser
    """,
    bd="""
        miljögifterna
        luftföroreningarna
        avgaserna
    """,
    pos="""
        bra återvinning
        lätt att sortera sopor
        återvinningscentralen är smidig
        ren luft
        miljötänket
    """,
    neg="""
        återvinningsstationerna är alltid överfulla
        hämta förpackningar vid huset
        bättre sopsortering
        mer återbruk
        sanera förorenad mark
        dålig luft i centrum
        en återvinningscentral närmare
        insamling av matavfall överallt
        tippen har för korta öppettider
    """,
    fut="""
        en cirkulär stad
        ingenting slängs i onödan
        ren luft och rent vatten
        en hållbar stad
        en av Sveriges främsta miljökommuner
        återbruk i varje stadsdel
    """,
)

_component(
    "lokal_mat",
    (1, 1, 2),
    gi="""
        närproducerad mat
        lokal mat
        gårdsbutiker
        ekologisk mat
        jordbruksmark
        lokala bönder
        svenska råvaror
        stadsodling
        odlingslotter
        gårdsförsäljning
        närodlat
        lokalproducerad mat
    """,
    gd="""
        jordbruksmarken
        gårdsbutikerna
        bondens marknad
        odlingslotterna
        åkermarken
        REKO-ringen
    """,
    gp="""
        bönderna
    """,
    pos="""
        närheten till bondgårdar och gårdsbutiker
        bra med lokal mat
        bondens marknad
        den fina jordbruksbygden
        REKO-ringen
    """,
    neg="""
        bevara jordbruksmarken
        mer närproducerat i offentliga kök
        stötta de lokala bönderna
        fler odlingslotter
        bygg inte på den bästa åkermarken
        lokal mat i kommunens kök
    """,
    fut="""
        självförsörjande på mat
        lokal mat på varje bord
        levande jordbruk
        stadsodlingar
        bevarad åkermark
        mat från bygden i skolköken
    """,
    nk_pos="""
        grönsakerna från Vikbolandet
        Östgötaslätten
    """,
    nk_neg="""
        rädda åkrarna på Östgötaslätten
    """,
)

# ----------------------------------------------------------------- gemenskap
_component(
    "integration",
    (2, 4, 4),
    gi="""
        integration
        svenskundervisning
        SFI
        mångfald
        språkcaféer
        samhällsorientering
        språkträning
        integrationsprojekt
    """,
    gd="""
        integrationen
        mångfalden
        SFI
    """,
    bi="""
        segregation
        utanförskap
        parallellsamhällen
        klyftor mellan stadsdelarna
        språkbrister
    """,
    bd="""
        segregationen
        utanförskapet
        klyftorna
        parallellsamhällena
    """,
    pos="""
        mångfalden
        många kulturer
        blandningen av människor från hela världen
        en mångkulturell stad
        bra integration i vårt område
    """,
    neg="""
        segregationen är stor
        stadsdelarna lever helt olika liv
        nyanlända måste lära sig svenska
        mer SFI
        bryt utanförskapet
        krav på att lära sig språket
        många kan inte svenska
        integrationen fungerar inte
        blanda stadsdelarna mer
        klyftan mellan {ort} och resten av kommunen
    """,
    fut="""
        ingen segregation
        en stad där alla är inkluderade
        alla pratar svenska
        mindre klyftor mellan stadsdelarna
        mångfald som styrka
        ett samhälle där alla får en chans oavsett bakgrund
    """,
    nk_neg="""
        klyftorna mellan Navestad och innerstaden
        Hageby och Navestad lever i en annan värld
    """,
)

_component(
    "delaktighet",
    (1, 3, 3),
    gi="""
        medborgardialog
        inflytande
        öppenhet
        demokrati
        insyn
        medborgarförslag
        folkomröstningar
        dialog med invånarna
        transparens
        e-förslag
        samråd
    """,
    gd="""
        politikerna
        dialogen
        inflytandet
        demokratin
        öppenheten
        förtroendet för politikerna
        medborgardialogen
    """,
    pos="""
        att kommunen frågar oss
        bra att man får tycka till
        den här enkäten
        lätt att få kontakt med politikerna
        öppna politiker
        att man kan lämna medborgarförslag
    """,
    neg="""
        lyssna på invånarna
        politikerna lyssnar inte
        beslut fattas över huvudet på oss
        fråga oss innan ni bestämmer
        mer insyn i besluten
        folkomröstning om stora beslut
        återkoppla vad som händer med den här enkäten
        vi som bor här borde få bestämma mer
        förtroendet för politikerna är noll
        politikerna bestämmer ändå det de redan bestämt
    """,
    fut="""
        en stad där alla kan påverka
        politiker som lyssnar
        verklig medborgardialog
        öppenhet och insyn
        invånarna är med och bestämmer
        högt valdeltagande
        att medborgarna känner sig lyssnade på
    """,
)

_component(
    "gemenskap",
    (6, 2, 5),
    gi="""
        gemenskap
        mötesplatser
        sammanhållning
        grannskap
        engagemang
        samhörighet
        grannsämja
        mötesplatser för alla
        gemensamma aktiviteter
        stolthet
    """,
    gd="""
        gemenskapen
        sammanhållningen
    """,
    gp="""
        människorna
        grannarna
        stämningen
        atmosfären
        invånarna
        folket
        andan
    """,
    bi="""
        ensamhet
        splittring
    """,
    bd="""
        ensamheten
    """,
    pos="""
        människorna
        trevliga grannar
        folk är vänliga
        sammanhållningen
        det är lätt att lära känna folk
        stoltheten över stan
        småstadskänslan
        alla hälsar
        gemenskapen i området
        vi hjälper varandra
        alla känner alla
        vi har bra sammanhållning i {ort}
    """,
    neg="""
        fler mötesplatser för alla
        folk pratar inte med varandra
        det saknas ställen att bara vara på utan att handla
        sammanhållningen har försvunnit
        mer gemensamma aktiviteter i bostadsområdet
        många är ensamma
    """,
    fut="""
        en stad med stark gemenskap
        att alla känner sig hemma
        stolta invånare
        en stad där man bryr sig om varandra
        mötesplatser för alla åldrar
        ingen ska vara ensam
        att man är stolt över {stad}
    """,
    nk_pos="""
        norrköpingsandan
        att norrköpingsborna är stolta över sin stad
    """,
    nk_fut="""
        alla norrköpingsbor stolta över sin stad
    """,
)

# ----------------------------------------------------------------- landsbygd
_component(
    "landsbygd",
    (2, 3, 3),
    gi="""
        service på landsbygden
        bredband på landet
        fiber på landsbygden
        landsbygdsskolor
        mataffärer på landet
        servicepunkter
        busslinjer ut på landet
        satsningar på landsbygden
    """,
    gd="""
        landsbygden
        byarna
        småorterna
        kransorterna
        ytterområdena
        bygden
        de mindre orterna
    """,
    pos="""
        närheten till landet
        lugnet på landsbygden
        byalivet
        att man kan bo på landet och ändå nå stan
        livet på landet
        {by}
        lugnet i {by}
    """,
    neg="""
        glöm inte landsbygden
        allt satsas på stan, inget på landsbygden
        bussen till {by} går för sällan
        behåll skolan i {by}
        fiber till alla på landet
        mataffären i {by} har lagt ner
        det händer ingenting i de mindre orterna
        service i kransorterna
        vi på landet betalar skatt vi också
    """,
    fut="""
        en levande landsbygd
        hela kommunen ska leva
        service i alla orter
        bredband till alla på landsbygden
        {by} ska ha kvar skola och affär
        satsningar på småorterna
    """,
    nk_pos="""
        Skärblacka
        Vikbolandet
        Krokek och Kolmården
        lugnet i Åby
        livet ute på Vikbolandet
        Östra Husby
    """,
    nk_neg="""
        Vikbolandet glöms bort
        Skärblacka behöver bättre service
        Krokek saknar nästan allt
        fler bussar till Vikbolandet
        behåll skolan i Kimstad
        mataffären i Östra Husby
    """,
    nk_fut="""
        Vikbolandet och Skärblacka växer
        att Kolmården och Krokek lever året runt
        levande orter som Åby, Skärblacka och Kimstad
    """,
)

# ----------------------------------------------------------------- kommunen
_component(
    "kommunal_ekonomi",
    (1, 4, 2),
    gi="""
        service från kommunen
        handläggning
        bemötande
        prioriteringar
        kontakt med kommunen
        ordning i ekonomin
        hushållning med skattepengar
        kostnadskontroll
    """,
    gd="""
        ekonomin
        handläggningen
        bemötandet
        kommunens service
        kontaktcenter
    """,
    bi="""
        slöseri
        byråkrati
        höga skatter
        prestigeprojekt
        konsulter
        onödiga utgifter
        krångel
    """,
    bd="""
        slöseriet
        byråkratin
        prestigeprojekten
        konsultkostnaderna
        krånglet
        skattehöjningarna
        skatten
        kommunalskatten
        handläggningstiderna
    """,
    pos="""
        låg skatt
        bra service från kommunen
        snabbt svar från kontaktcenter
        vänligt bemötande när man ringer kommunen
        ekonomin är i ordning
    """,
    neg="""
        sluta slösa skattepengar
        mindre byråkrati
        för många chefer i kommunen
        skatten är för hög
        prioritera kärnverksamheten
        bygglovet tog ett halvår
        ingen svarar när man ringer kommunen
        lägg pengarna på rätt saker
        dyra konsulter
        prestigeprojekt som ingen har bett om
        alla "satsningar" som bara kostar pengar
        sänk skatten
    """,
    fut="""
        en kommun med ordning på ekonomin
        låg skatt och bra service
        effektiv kommun utan onödig byråkrati
        snabb och enkel kontakt med kommunen
        skattepengar som används klokt
    """,
)


# ----------------------------------------------------------------- templates
# {i}: a "good" indefinite term, {d}: a good definite term, {bi}/{bd}: problems.
# Only invariant adjectives (bra, bättre, mer, välfungerande) so that every term fits.
TEMPLATES: dict[str, dict[str, list[str]]] = {
    "pos": {
        "gi": _lines("""
            bra {i}
            {i}
            mycket bra {i}
            riktigt bra {i}
            att det finns bra {i}
            att vi har så bra {i}
            {i} som funkar
            rätt bra {i} faktiskt
            grymt bra {i}
            bra {i} tycker jag
        """),
        "gd": _lines("""
            {d}
            {d} är bra
            {d} är toppen
            {d} är riktigt bra
            jag gillar {d}
            älskar {d}
            {d} funkar bra
            uppskattar {d}
            {d} är en stor fördel
            {d} är bättre än många tror
            {d}, helt klart
        """),
        "bi": _lines("""
            inte så mycket {bi} där jag bor
            ganska lite {bi} i mitt område
        """),
        "bd": _lines("""
            jag märker inte så mycket av {bd}
        """),
    },
    "neg": {
        "gi": _lines("""
            mer {i}
            bättre {i}
            vi behöver bättre {i}
            satsa på {i}
            det behövs mer {i}
            det saknas {i}
            för lite {i}
            önskar bättre {i}
            mer och bättre {i}
            bättre {i}!
            vi behöver mer {i}
            mer {i} tack
        """),
        "gd": _lines("""
            {d} behöver bli bättre
            {d} måste förbättras
            {d} funkar inte
            satsa mer på {d}
            se över {d}
            {d} har blivit sämre
            {d} lämnar mycket att önska
            {d} är under all kritik
            {d} måste prioriteras
            prioritera {d}!
            {d} behöver ses över
            gör något åt {d}
            {d} är sämre än förr
            {d}, verkligen
        """),
        "bi": _lines("""
            mindre {bi}
            för mycket {bi}
            problem med {bi}
            alldeles för mycket {bi}
            det är mycket {bi}
            {bi} överallt
        """),
        "bd": _lines("""
            gör något åt {bd}
            få bort {bd}
            ta tag i {bd}
            {bd} måste minska
            {bd} är ett stort problem
            {bd} har blivit värre
            jag är trött på {bd}
            {bd}!!
            stoppa {bd}
            {bd} är ett problem som måste lösas
        """),
    },
    "fut": {
        "gi": _lines("""
            bra {i}
            bättre {i}
            mer {i}
            välfungerande {i}
            bra {i} för alla
            att det finns bra {i}
            en stad med bra {i}
            fungerande {i}
            mycket bättre {i}
            {i} som fungerar
            ännu bättre {i}
            att man har satsat på {i}
        """),
        "gd": _lines("""
            att {d} är i toppklass
            {d} ska vara bäst i Sverige
            att man har satsat på {d}
            att {d} har blivit bättre
            {d} är en förebild för andra
            att man har tagit hand om {d}
            att {d} är något vi är kända för
        """),
        "bi": _lines("""
            utan {bi}
            mindre {bi}
            fri från {bi}
            inga problem med {bi}
        """),
        "bd": _lines("""
            att {bd} är borta
            att vi har blivit av med {bd}
            att {bd} har minskat
        """),
    },
}

# ----------------------------------------------------------------- answers without a component
NONE: dict[str, list[str]] = {
    "pos": _lines("""
        Vet ej
        Vet inte
        Allt
        Det mesta
        Bra stad
        Inget särskilt
        Svårt att säga
        Trivs bra
        Jag trivs
        Hemma är hemma
        Allt är bra
        Det är min hemstad
        Lagom stor
        Har bott här hela livet
        Mycket
        Bästa staden!
        {stad} är bäst
        Kan inte komma på något
        Ingen aning
        ?
        -
        Det är en bra stad
        Helheten
        Hmm, svårt
        Allt möjligt
        Jag gillar det mesta
        Inget
        Ingenting tyvärr
        Bra stad att bo i
        Lagom stort, lagom litet
        Det är hemma
        Det mesta är bra
    """),
    "neg": _lines("""
        Vet ej
        Allt
        Mycket
        Det mesta
        Inget att tillägga
        Ingen aning
        Inget
        Allt är bra som det är
        Kan inte komma på något
        -
        Svårt att säga
        Det vet ni redan
        Nej
        Orkar inte skriva
        Se ovan
        Samma som ovan
        Allt möjligt
        Ni vet vad som behövs
        Ingenting, bra som det är
        Det finns mycket
        .
        Inget just nu
        Vet inte riktigt
        Mycket, men svårt att välja
    """),
    "fut": _lines("""
        Vet ej
        Bättre än idag
        Som idag fast bättre
        En bra stad
        Bra
        Bättre
        Modern
        Härlig
        En stad att trivas i
        Som nu
        Framåt
        Ingen aning
        Inget att tillägga
        Bästa staden i Sverige
        En riktig storstad
        Se ovan
        Att allt är bättre
        Fantastisk
        Attraktiv
        Som en modern europeisk stad
        Vet inte, svårt att sia om
        Färgstark
        Som nu, fast mer av allt
        En stad man vill bo i
        Precis som nu
        Framtidstro
    """),
}

OPENERS: dict[str, list[str]] = {
    "pos": _lines("""
        Mycket!
        Svårt att välja.
        Många saker.
        Jag trivs.
        Kort sagt:
        Oj, mycket.
        Absolut
        Ärligt talat:
        Har bott här i 30 år.
        Bra fråga!
        För mig:
    """),
    "neg": _lines("""
        Oj, var ska man börja.
        Mycket.
        Några saker:
        Tyvärr en hel del.
        Ärligt talat:
        Hmm.
        Där finns det en del.
        Jag har sagt det förut men
        För att ta några saker:
        Kort och gott:
    """),
    "fut": _lines("""
        Min dröm:
        Jag önskar mig:
        I korthet:
        Drömmen vore
        Framåt!
        Gärna så här:
        Jag hoppas på det här:
        Hmm, svårt, men
    """),
}

CLOSERS: list[str] = _lines("""
    Tack!
    Tack för att ni frågar.
    Lycka till!
    Det var allt.
    Mvh en glad invånare
    Hoppas ni läser detta.
    Tack för ordet.
    Lycka till med visionen!
    Det var allt från mig.
    Hälsningar en som bott här länge
    Hoppas det blir något av det här.
    Tack för en bra enkät!
    :)
""")

# ----------------------------------------------------------------- personal data and look-alikes
# {p}: phone, {e}: e-mail, {n}: personnummer. The generator appends or prepends one.
PII_FRAMES: dict[str, list[str]] = {
    "phone": _lines("""
        ring mig gärna på {p}
        du kan nå mig på {p}
        tel {p}
        hör av er på {p} om ni vill veta mer
        mitt nummer är {p}
        sms:a {p} så berättar jag mer
        ring {p} om ni har frågor
        nås på {p} efter kl 17
    """),
    "email": _lines("""
        mejla mig på {e}
        mejla {e} om ni vill ha mer info
        kontakta mig gärna: {e}
        min mejl är {e}
        skicka svar till {e}
        maila {e} så berättar jag mer
        vill gärna ha återkoppling till {e}
    """),
    "pnr": _lines("""
        mitt personnummer är {n}
        ({n})
        vill ha svar, pnr {n}
        personnummer {n} om ni behöver det
        jag har skrivit till er förut, {n}
        pnr: {n}
    """),
}

# Numbers that look a little like personal data but are not: postcodes, dates,
# amounts, years, organisation numbers (month 20+), times. Component-neutral.
LOOKALIKES: list[str] = _lines("""
    Postnummer {pc}.
    Jag flyttade hit {date}.
    (skrivet {date})
    Har bott här sedan {year}.
    Det kostar säkert {amount} men det är värt det.
    Vår förening har org.nr {org}.
    Vi är {small} personer i familjen.
    Jag är född {born}.
    Har svarat på enkäten förut, den {dayshort}.
    Mitt postnummer är {pc} om det spelar någon roll.
    Skriver detta kl {time}.
    Snart {amount} på kontot, haha.
""")

FIRST_NAMES: list[str] = _lines("""
    anna
    eva
    maria
    karin
    kristina
    lena
    sara
    emma
    elin
    ida
    linnea
    johanna
    ingrid
    birgitta
    lars
    mikael
    johan
    erik
    anders
    per
    karl
    peter
    jan
    thomas
    daniel
    fredrik
    oskar
    ahmed
    mohammed
    fatima
    ali
    nora
    sven
    gunnar
    britt
    marie
""")

LAST_NAMES: list[str] = _lines("""
    andersson
    johansson
    karlsson
    nilsson
    eriksson
    larsson
    olsson
    persson
    svensson
    gustafsson
    pettersson
    jonsson
    jansson
    hansson
    bengtsson
    lindberg
    lindqvist
    berg
    axelsson
    lundberg
    holm
    sandberg
    ali
    hassan
    nyström
    öberg
""")

MAIL_DOMAINS: list[str] = _lines("""
    gmail.com
    hotmail.com
    outlook.com
    telia.com
    live.se
    yahoo.se
    icloud.com
    bredband.net
    hotmail.se
""")
