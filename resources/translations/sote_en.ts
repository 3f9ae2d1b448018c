<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name></name>
    <message>
        <location filename="../../desktop/ui/pages/network_page.py" line="+74"/>
        <source>Toimipistetyypit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Koot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kohdeväestö</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Aikaraja (min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tavoite %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kattavuus %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tila</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kattamatta (hlö)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ei reittiä (hlö)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/about_dialog.py" line="+37"/>
        <source>Tietoja: %1</source>
        <translation>About %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Hyvinvointialueen palveluiden suunnitteluun: palveluluokitus, asiakassegmentit, liikennevalomalli ja palveluverkon saavutettavuus.</source>
        <translation>For planning the services of a wellbeing services county: service classification, client segments, the traffic-light model and the reach of the service network.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Aineistolähteet ja lisenssit</source>
        <translation>Data sources and licences</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Avoinna oleva projekti on synteettinen demoaineisto: sen henkilöt ja käynnit on arvottu, vain kuntien väestöluvut ja sijainnit ovat todellisia.</source>
        <translation>The open project is synthetic demo data: its persons and visits are random; only the municipalities&apos; populations and locations are real.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sovelluksen mukana ei ole lähdetietoja.</source>
        <translation>No source notes are shipped with the app.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ohjelmistot</source>
        <translation>Software</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Qt ja PySide6 (LGPLv3), pandas, NumPy, SciPy, SQLAlchemy, matplotlib, HiGHS (BSD-, MIT- ja PSF-tyyppiset lisenssit).</source>
        <translation>Qt and PySide6 (LGPLv3), pandas, NumPy, SciPy, SQLAlchemy, matplotlib, HiGHS (BSD, MIT and PSF style licences).</translation>
    </message>
</context>
<context>
    <name>BatchTableModel</name>
    <message>
        <location filename="../../desktop/ui/pages/data_page.py" line="+182"/>
        <source>Erä</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aineisto</source>
        <translation>Dataset</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tiedosto</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rivejä</source>
        <translation>Rows</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hylätty</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tuotu</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
</context>
<context>
    <name>ClassificationPage</name>
    <message>
        <location filename="../../desktop/ui/pages/classification_page.py" line="+17"/>
        <source>Tämä sivu on vielä tekeillä.</source>
        <translation>This page is still being built.</translation>
    </message>
</context>
<context>
    <name>DataKinds</name>
    <message>
        <location filename="../../desktop/ui/pages/data_page.py" line="-144"/>
        <source>Palvelutapahtumat</source>
        <translation>Service events</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Väestö</source>
        <translation>Population</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Väestöruudut</source>
        <translation>Population grid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Toimipisteet</source>
        <translation>Service sites</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matka-ajat</source>
        <translation>Travel times</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talous</source>
        <translation>Finance</translation>
    </message>
</context>
<context>
    <name>DataPage</name>
    <message>
        <location line="+173"/>
        <source>Projektiin tuodut tiedostot ja niistä syntyneet aineistot. Jokainen tuotu tiedosto on oma tuontieränsä, jonka voi myös poistaa.</source>
        <translation>The files imported into the project and the datasets they make up. Each imported file is an import batch of its own, which can also be removed.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Synteettinen demoaineisto: henkilöt, käynnit ja kustannukset on arvottu. Kuntien väestöluvut ja sijainnit ovat todellisia.</source>
        <translation>Synthetic demo data: persons, visits and costs are random. The municipalities&apos; populations and locations are real.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Aineistot</source>
        <translation>Datasets</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tuontierät</source>
        <translation>Import batches</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Projektiin ei ole vielä tuotu tiedostoja. Aloita painamalla ”Tuo tiedosto...”.</source>
        <translation>No files have been imported into the project yet. Start with “Import file...”.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tuo tiedosto...</source>
        <translation>Import file...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tuo CSV- tai Excel-tiedosto projektiin uutena tuontieränä</source>
        <translation>Import a CSV or Excel file into the project as a new import batch</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Näytä tuontiraportti</source>
        <translation>Show import report</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Poista erä...</source>
        <translation>Remove batch...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Poistaa valitun tuontierän ja kaikki sen tuomat rivit</source>
        <translation>Removes the selected import batch and every row it brought</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Projekti on avattu vain luku -tilassa.</source>
        <translation>The project is open read-only.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Poistetaanko tuontierä %1 (%2, rivejä %3)?</source>
        <translation>Remove import batch %1 (%2, %3 rows)?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Kaikki erän tuomat rivit poistetaan projektista. Poistoa ei voi perua. Jos tarvitset aineistoa myöhemmin, sinun on tuotava tiedosto uudelleen.</source>
        <translation>Every row the batch brought is removed from the project. This cannot be undone. If you need the data later, you must import the file again.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Poista tuontierä</source>
        <translation>Remove import batch</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Tuontierä %1 (%2) poistettiin.</source>
        <translation>Import batch %1 (%2) was removed.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Tiedosto</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aineisto</source>
        <translation>Dataset</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Koko (tavua)</source>
        <translation>Size (bytes)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rivejä</source>
        <translation>Rows</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hylättyjä rivejä</source>
        <translation>Rejected rows</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tuotu</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ohjelmaversio</source>
        <translation>App version</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Erälle ei ole tallennettu huomautuksia.</source>
        <translation>No remarks were saved for this batch.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tuontiraportti: erä %1</source>
        <translation>Import report: batch %1</translation>
    </message>
</context>
<context>
    <name>DatasetTableModel</name>
    <message>
        <location line="-258"/>
        <source>Aineisto</source>
        <translation>Dataset</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rivejä</source>
        <translation>Rows</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vuodet</source>
        <translation>Years</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ei tuotu</source>
        <translation>not imported</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (ennuste %2)</source>
        <translation>%1 (forecast %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ennuste %1</source>
        <translation>forecast %1</translation>
    </message>
</context>
<context>
    <name>GoalsModel</name>
    <message>
        <location filename="../../desktop/ui/pages/network_page.py" line="-1"/>
        <source>Tavoite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+48"/>
        <source>kaikki</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>toteutuu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ei toteudu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Luvut perustuvat osin linnuntie-arvioon (etäisyys × kiertokerroin / nopeus).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="+122"/>
        <source>Rakennetaan demoaluetta (Keski-Suomi, synteettinen aineisto). Tämä tehdään vain kerran...</source>
        <translation>Building the demo region (Keski-Suomi, synthetic data). This is done only once...</translation>
    </message>
    <message>
        <location line="+238"/>
        <source>Avaa projekti tai luo uusi Tiedosto-valikosta.</source>
        <translation>Open a project or create a new one from the File menu.</translation>
    </message>
    <message>
        <location line="-155"/>
        <source>&amp;Tiedosto</source>
        <extracomment>the open store changed (the new Store or None) the last error of each page (key -&gt; exception) since the store was set; read by --self-test</extracomment>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Uusi projekti...</source>
        <translation>&amp;New project...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Avaa projekti...</source>
        <translation>&amp;Open project...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Viimeisimmät</source>
        <translation>&amp;Recent</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Avaa &amp;demoalue</source>
        <translation>Open &amp;demo region</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Tuo tiedosto...</source>
        <translation>&amp;Import file...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tallenna &amp;kopio...</source>
        <translation>Save a &amp;copy...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Sulje projekti</source>
        <translation>&amp;Close project</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Lopeta</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Näytä</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kieli / Language</source>
        <translation>&amp;Language / Kieli</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Ohje</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tietoja ohjelmasta...</source>
        <translation>&amp;About...</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>Projekti on käytössä</source>
        <translation>Project in use</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Avataanko projekti vain luku -tilassa? Silloin et voi muuttaa sitä.</source>
        <translation>Open the project read-only? You cannot change it then.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Projektia ei voitu avata</source>
        <translation>Could not open the project</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Projekti %1 avattu.</source>
        <translation>Project %1 opened.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Projekti päivitettiin uuteen versioon; vanha tallennettiin tiedostoon %1</source>
        <translation>The project was upgraded to the new version; the old one was saved as %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+2"/>
        <source>Ei avointa projektia</source>
        <translation>No open project</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Tiedot vuosilta %1</source>
        <translation>Data for %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(synteettinen demoaineisto)</source>
        <translation>(synthetic demo data)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Synteettinen demoaineisto</source>
        <translation>Synthetic demo data</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>[vain luku]</source>
        <translation>[read-only]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vain luku</source>
        <translation>Read-only</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>vain luku</source>
        <translation>read-only</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+13"/>
        <location line="+9"/>
        <source>Uusi projekti</source>
        <translation>New project</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Tiedosto %1 on jo olemassa. Valitse uudelle projektille toinen nimi.</source>
        <translation>The file %1 already exists. Choose another name for the new project.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Luodaan projektia %1...</source>
        <translation>Creating project %1...</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Avaa projekti</source>
        <translation>Open project</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sote-suunnittelijan projektit (*%1);;Kaikki tiedostot (*)</source>
        <translation>Sote Planner projects (*%1);;All files (*)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>(ei viimeisimpiä projekteja)</source>
        <translation>(no recent projects)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tyhjennä luettelo</source>
        <translation>Clear list</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+4"/>
        <location line="+12"/>
        <source>Tuo tiedosto</source>
        <translation>Import file</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Avaa tai luo ensin projekti, johon tiedosto tuodaan.</source>
        <translation>First open or create the project to import the file into.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Projekti on avattu vain luku -tilassa, joten siihen ei voi tuoda tiedostoja.</source>
        <translation>The project is open read-only, so no files can be imported into it.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Tiedostojen tuonti ei ole vielä käytettävissä tässä ohjelmaversiossa. Voit tuoda tiedoston komentoriviltä: sote-planner import PROJEKTI LAJI TIEDOSTO.</source>
        <translation>Importing files is not available in this version yet. You can import a file on the command line: sote-planner import PROJECT KIND FILE.</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+11"/>
        <location line="+8"/>
        <source>Tallenna kopio</source>
        <translation>Save a copy</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Kopiota ei voi tallentaa avoimen projektin päälle.</source>
        <translation>A copy cannot be saved over the open project.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Tallennetaan kopiota %1...</source>
        <translation>Saving copy %1...</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Kopio tallennettiin: %1</source>
        <translation>Copy saved: %1</translation>
    </message>
</context>
<context>
    <name>MeasureTreeModel</name>
    <message>
        <location filename="../../desktop/ui/pages/measures_page.py" line="+181"/>
        <source>Hyötytavoite / kärki / toimenpide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Vastuuhenkilö</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Huomiot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mittarit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Arvio kuukaudelta {0} (1-5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Ei linkitettyjä mittareita</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} kpl</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MeasuresPage</name>
    <message>
        <location line="+133"/>
        <location line="+68"/>
        <source>Lämpökartta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-68"/>
        <location line="+68"/>
        <source>Jakauma hyötytavoitteittain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-67"/>
        <location line="+68"/>
        <source>Jakauma kärjittäin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-41"/>
        <source>Kumoa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tee uudelleen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+281"/>
        <source>Uusi hyötytavoite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-280"/>
        <source>Uusi toimenpide…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Poista valittu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Poistaa valitun toimenpiteen, kärjen tai hyötytavoitteen arvioineen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lisää kuukausi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lisää seuraavan kuukauden sarake arvioille</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tuo Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tuo arviot Excel-taulukosta (taulukko &apos;Arviot&apos;: toimenpiderivit, kuukausisarakkeet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vie…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seurantataulukko Excel-tiedostoon…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} (PNG, SVG, PDF tai XLSX)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Asteikko:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Kaksoisnapsauta kuukauden solua valitaksesi arvion.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+137"/>
        <source>Valitse toimenpide nähdäksesi sen arviohistorian ja mittarit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-130"/>
        <source>Arvio ja linkitetyt mittarit vuosittain:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Linkitä mittari</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Liitä toimenpiteeseen sovelluksen laskema luku, esim. palvelun asiakkaat / 1 000 asukasta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Poista linkki</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Huomiot:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Toimenpiteen huomiot (tallentuu, kun kohdistus poistuu)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Kumottu: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Kumoa: {0} (Ctrl+Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Kehittämistoimenpiteet</source>
        <translation type="unfinished">Development measures</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Arviohistoria: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ei arvioita vielä.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Arvio (vuoden viimeisin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Ei linkitettyjä mittareita. Linkitä mittari nähdäksesi, liikkuvatko luvut.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Ei linkitettäviä lukuja: projektissa ei ole luokiteltuja palvelutapahtumia tai muita laskettuja lukuja</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Hyötytavoitteen nimi:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Lisää ensin hyötytavoite.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Poista kärki</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Poistetaanko kärki &apos;{0}&apos; ja sen kaikki toimenpiteet kaikkien hyötytavoitteiden alta? Voit kumota poiston (Ctrl+Z).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Poista hyötytavoite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Poistetaanko hyötytavoite &apos;{0}&apos; ja sen kaikki toimenpiteet? Voit kumota poiston (Ctrl+Z).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Tuo arviot Excel-tiedostosta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+21"/>
        <source>Excel (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Tuotu {0}: {1} uutta toimenpidettä, {2} päivitetty, {3} arviota.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Vie seurantataulukko</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+13"/>
        <source>Tallennettu {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Vie kuva</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kuva (*.png *.svg *.pdf);;Taulukko (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkPage</name>
    <message>
        <location filename="../../desktop/ui/pages/network_page.py" line="+98"/>
        <source>Kumoa</source>
        <extracomment>emitted after every what-if recomputation with its duration in seconds</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tee uudelleen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+322"/>
        <source>Lisää tavoite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-321"/>
        <location line="+327"/>
        <source>Poista tavoite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-326"/>
        <source>Vie taulukot (XLSX)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vie kuva (PNG/SVG/PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Kartta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kertymäkäyrä</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kunta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Nimi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kohdeväestö</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Katettu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ei reittiä</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kattavuus %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kunnittain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tunnus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Toimipiste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+32"/>
        <source>Tyyppi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-32"/>
        <location line="+33"/>
        <source>Koko</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Vaikutusalue (hlö)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aikarajan sisällä (hlö)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Vaikutusalueet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mitä jos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uudet toimipisteet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Toimipisteet (poista rasti = suljettu):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>x (m, ETRS-TM35FIN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>y (m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+297"/>
        <source>Lisää toimipiste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-294"/>
        <source>Lisää toimipiste klikkaamalla karttaa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Palauta nykyinen verkko</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Skenaario:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nimi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tallenna</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Avaa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+196"/>
        <location line="+128"/>
        <source>Tavoite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-321"/>
        <source>Skenaarioiden vertailu (kattavuus %):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>esim. sote-keskus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>K uutta paikkaa, jotka kattavat eniten (muuten vähiten paikkoja tavoitteeseen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Etsi optimaaliset paikat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ehdokkaat (tyyppi, &apos;kuntakeskukset&apos; tai &apos;ruudut&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Säilyvät toimipistetyypit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aikaraja (min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tavoite %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>K</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Ei avointa projektia.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+34"/>
        <location line="+164"/>
        <source>UUSI: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-129"/>
        <source>Matka-ajat: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source> — osa luvuista on linnuntie-arvioita (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source> — MITÄ JOS: {0} suljettu, {1} lisätty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Päivitys {0:.2f} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Muokkaa tavoitetta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Uusi {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Anna koordinaatit metreinä (ETRS-TM35FIN), esim. x 435000 ja y 6900000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Skenaario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Skenaario tallennettu: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Optimointi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Etsitään optimaalisia sijainteja…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>todistetusti optimaalinen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>EI todistetusti optimaalinen (aikaraja)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Valitut: {0}
Katettu {1} / {2} hlö = {3:.2f} % ({4})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>
Matka-ajat osin linnuntie-arvioita.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Vie taulukot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Vie kuva</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewMeasureDialog</name>
    <message>
        <location filename="../../desktop/ui/pages/measures_page.py" line="-479"/>
        <source>Uusi kehittämistoimenpide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Hyötytavoite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kärki (valitse tai kirjoita uusi)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Toimenpide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vastuuhenkilö</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <location filename="../../desktop/ui/pages/__init__.py" line="+9"/>
        <source>Aineistot</source>
        <translation>Data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Palveluluokitus</source>
        <translation>Classification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Segmentit</source>
        <translation>Segments</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Liikennevalot</source>
        <translation>Traffic lights</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Palveluverkko</source>
        <translation>Service network</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kehittämistoimenpiteet</source>
        <translation>Development measures</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <location filename="../../desktop/ui/worker.py" line="+141"/>
        <source>Peruuta</source>
        <extracomment>progress dialog scale: a QProgressDialog takes ints, so fractions are shown in steps of 0.1 %</extracomment>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Perutaan...</source>
        <translation>Cancelling...</translation>
    </message>
</context>
<context>
    <name>RatingDelegate</name>
    <message>
        <location filename="../../desktop/ui/pages/measures_page.py" line="-40"/>
        <source>– (ei arviota)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/report_dialog.py" line="+80"/>
        <source>Tallenna tekstinä...</source>
        <translation>Save as text...</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Tallenna raportti</source>
        <translation>Save report</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tekstitiedostot (*.txt)</source>
        <translation>Text files (*.txt)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tallennus epäonnistui</source>
        <translation>Saving failed</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tiedostoa ei voitu tallentaa: %1</source>
        <translation>The file could not be saved: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Toimintoa ei voitu tehdä</source>
        <translation>The action could not be done</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ohjelmassa tapahtui odottamaton virhe: %1

Tiedot on tallennettu lokitiedostoon:
%2
Voit jatkaa työtä; jos virhe toistuu, lähetä lokitiedosto ylläpidolle.</source>
        <translation>An unexpected error occurred: %1

The details were saved to the log file:
%2
You can go on working; if the error happens again, send the log file to support.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Odottamaton virhe</source>
        <translation>Unexpected error</translation>
    </message>
</context>
<context>
    <name>SegmentsPage</name>
    <message>
        <location filename="../../desktop/ui/pages/segments_page.py" line="+17"/>
        <source>Tämä sivu on vielä tekeillä.</source>
        <translation>This page is still being built.</translation>
    </message>
</context>
<context>
    <name>TrafficLightsPage</name>
    <message>
        <location filename="../../desktop/ui/pages/traffic_lights_page.py" line="+17"/>
        <source>Tämä sivu on vielä tekeillä.</source>
        <translation>This page is still being built.</translation>
    </message>
</context>
</TS>
