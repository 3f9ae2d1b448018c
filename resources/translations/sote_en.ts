<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
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
        <location filename="../../desktop/ui/pages/data_page.py" line="+122"/>
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
    <name>ChartToolbar</name>
    <message>
        <location filename="../../desktop/ui/widgets/chart_toolbar.py" line="+59"/>
        <source>Lähennä</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Vedä hiirellä alue, jota haluat katsoa lähempää</source>
        <translation>Drag a rectangle over the part you want to see closer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Siirrä</source>
        <translation>Move</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Vedä kuvaa hiirellä</source>
        <translation>Drag the chart with the mouse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Palauta</source>
        <translation>Reset</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Näytä koko kuva taas</source>
        <translation>Show the whole chart again</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Vedä alue, jota lähennetään.</source>
        <translation>Drag the area to zoom into.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vedä kuvaa siirtääksesi.</source>
        <translation>Drag the chart to move it.</translation>
    </message>
</context>
<context>
    <name>ClassificationLayout</name>
    <message>
        <location filename="../../desktop/ui/pages/classification_layout.py" line="+45"/>
        <source>Versio:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Uusi versio…</source>
        <translation>New version…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tee nykyisestä luokituksesta uusi versio, joka on voimassa annetusta vuodesta alkaen</source>
        <translation>Make the current classification a new version, valid from the given year</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Vertaa…</source>
        <translation>Compare…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vertaa tallennettua versiota toiseen: mitä muuttui ja miten tapahtumien jakauma muuttuu</source>
        <translation>Compare a saved version with another: what changed and how the distribution of events changes</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>● Tallentamattomia muutoksia</source>
        <translation>● Unsaved changes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tuo…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tuo luokitus Excel- tai JSON-tiedostosta (voi kumota ennen tallennusta)</source>
        <translation>Import a classification from an Excel or JSON file (can be undone before saving)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vie…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vie luokitus Excel- tai JSON-tiedostoon</source>
        <translation>Export the classification to an Excel or JSON file</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>AURA-luokat ja palvelut</source>
        <translation>AURA classes and services</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Uusi palvelu</source>
        <translation>New service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Poista palvelu</source>
        <translation>Remove service</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Palvelu</source>
        <translation>Service</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Koodi</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nimi</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AURA-luokka</source>
        <translation>AURA class</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Palvelurakenne</source>
        <translation>Service structure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Oletustaso</source>
        <translation>Default level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Elinkaarikohdennus</source>
        <translation>Life-stage allocation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Laki</source>
        <translation>Law</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kuvaus</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Kohdennus- ja tasosäännöt</source>
        <translation>Allocation and level rules</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nro</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Laji</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ehdot</source>
        <translation>Conditions</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+55"/>
        <source>Tapahtumia</source>
        <translation>Events</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>Henkilöitä</source>
        <translation>Persons</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+54"/>
        <source>Euroja</source>
        <translation>Euros</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Taso</source>
        <translation>Level</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Huomio</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>+ Kohdennussääntö</source>
        <translation>+ Allocation rule</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>+ Tasosääntö</source>
        <translation>+ Level rule</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Poista sääntö</source>
        <translation>Remove rule</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Siirrä aiemmaksi</source>
        <translation>Move earlier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Siirrä myöhemmäksi</source>
        <translation>Move later</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Käytössä</source>
        <translation>In use</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>selite</source>
        <translation>description</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Kattavuus</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Suurimmat luokittelemattomat yhdistelmät:</source>
        <translation>Largest unclassified combinations:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Palvelumuoto</source>
        <translation>Service form</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Palvelukoodi</source>
        <translation>Service code</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ammattiryhmä</source>
        <translation>Professional group</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Erityislaki</source>
        <translation>Special law</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Luo sääntö valitusta</source>
        <translation>Create a rule from the selection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lisää valitulle palvelulle kohdennussääntö, joka ottaa valitun yhdistelmän tapahtumat</source>
        <translation>Add an allocation rule to the selected service that takes the events of the selected combination</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ristiriidat</source>
        <translation>Conflicts</translation>
    </message>
</context>
<context>
    <name>ClassificationPage</name>
    <message>
        <location filename="../../desktop/ui/pages/classification_page.py" line="+67"/>
        <source>Palvelut ja säännöt</source>
        <translation>Services and rules</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Henkilöstö ja talous</source>
        <translation>Personnel and finance</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>Vertaa tallennettua versiota toiseen: mitä muuttui ja miten tapahtumien jakauma muuttuu</source>
        <translation>Compare a saved version with another: what changed and how the distribution of events changes</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Ladataan palvelutapahtumia…</source>
        <translation>Loading service-use events…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Palvelutapahtumien lataus epäonnistui: {0}</source>
        <translation>Loading the service-use events failed: {0}</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>voimassa vuodesta {0}</source>
        <translation>valid from {0}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Vertailuun tarvitaan kaksi tallennettua versiota. Tee ensin uusi versio (Uusi versio…) ja tallenna se.</source>
        <translation>Comparing needs two saved versions. First make a new version (New version…) and save it.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Uusi versio</source>
        <translation>New version</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Voimassa vuodesta:</source>
        <translation>Valid from year:</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Vertailuun tarvitaan kaksi tallennettua versiota.</source>
        <translation>A comparison needs two saved versions.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vertaa versioita</source>
        <translation>Compare versions</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Verrataan versioon {0}:</source>
        <translation>Compared with version {0}:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Versioiden vertailu</source>
        <translation>Comparison of versions</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Tallentamattomia muutoksia</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Luokitukseen on tehty tallentamattomia muutoksia. Hylätäänkö ne?</source>
        <translation>The classification has unsaved changes. Discard them?</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Luokitusta ei tallennettu</source>
        <translation>The classification was not saved</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Palveluluokitus tallennettu.</source>
        <translation>Service classification saved.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Tuo palveluluokitus</source>
        <translation>Import service classification</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Luokitus (*.xlsx *.json)</source>
        <translation>Classification (*.xlsx *.json)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Luokitusta ei tuotu</source>
        <translation>The classification was not imported</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Vie palveluluokitus</source>
        <translation>Export service classification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel (*.xlsx);;JSON (*.json)</source>
        <translation>Excel (*.xlsx);;JSON (*.json)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Luokitusta ei viety</source>
        <translation>The classification was not exported</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Luokitus viety tiedostoon {0}.</source>
        <translation>Classification exported to {0}.</translation>
    </message>
</context>
<context>
    <name>ClassificationViews</name>
    <message>
        <location filename="../../desktop/ui/pages/classification_views.py" line="+66"/>
        <source>(ei AURA-luokkaa)</source>
        <translation>(no AURA class)</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>kohdennus</source>
        <translation>allocation</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> (pois)</source>
        <translation> (off)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>taso</source>
        <translation>level</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Ei aineistoa.</source>
        <translation>No data.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Luokiteltu {0} / {1} tapahtumaa ({2} %), {3} / {4} € ({5} %).</source>
        <translation>Classified {0} / {1} events ({2} %), €{3} / €{4} ({5} %).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Suurimmat luokittelemattomat yhdistelmät:</source>
        <translation>Largest unclassified combinations:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Luokittelemattomia yhdistelmiä ei ole: jokainen tapahtuma kuuluu johonkin palveluun.</source>
        <translation>No unclassified combinations: every event belongs to a service.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Luokittelemattomia yhdistelmiä ei voi näyttää.</source>
        <translation>The unclassified combinations cannot be shown.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Ei varjoon jääviä tai turhia sääntöjä.</source>
        <translation>No shadowed or redundant rules.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Palvelun tasojakauma: </source>
        <translation>Levels of the service: </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Valitse ensin palvelu ja luokittelematon yhdistelmä.</source>
        <translation>First choose a service and an unclassified combination.</translation>
    </message>
</context>
<context>
    <name>ColumnMappingRow</name>
    <message>
        <location filename="../../desktop/ui/widgets/column_mapping.py" line="+48"/>
        <source>(ei käytetä)</source>
        <translation>(not used)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sarake %1 tiedostossa</source>
        <translation>Column %1 of the file</translation>
    </message>
</context>
<context>
    <name>ConditionBuilder</name>
    <message>
        <location filename="../../desktop/ui/widgets/condition_builder.py" line="+189"/>
        <source>Ehdot (kaikkien pitää täyttyä):</source>
        <translation>Conditions (all must hold):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ei ehtoja: sääntö koskee kaikkia tapahtumia.</source>
        <translation>No conditions: the rule applies to all events.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>+ Lisää ehto</source>
        <translation>+ Add condition</translation>
    </message>
</context>
<context>
    <name>ConditionRow</name>
    <message>
        <location line="-113"/>
        <source>arvot pilkuin eroteltuina, esim. T21, T22</source>
        <translation>values separated by commas, e.g. T21, T22</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Poista ehto</source>
        <translation>Remove condition</translation>
    </message>
</context>
<context>
    <name>DataKinds</name>
    <message>
        <location filename="../../desktop/ui/pages/data_page.py" line="-89"/>
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
    <message>
        <location line="+1"/>
        <source>Henkilöstö</source>
        <translation>Personnel</translation>
    </message>
</context>
<context>
    <name>DataPage</name>
    <message>
        <location line="+117"/>
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
        <location line="+4"/>
        <source>Poista tuontierä</source>
        <translation>Remove import batch</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <location line="-251"/>
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
    <name>FrameModel</name>
    <message>
        <location filename="../../desktop/ui/models/frame_model.py" line="+129"/>
        <source>Henkilötyövuodet ja kirjanpidon eurot on kohdennettu palveluille tapahtumien euroilla. – = ei näytetä: rivin jonkin palvelun asiakasmäärä on piilotettu (alle viisi asiakasta tai piilotettu sen rinnalla), ja näistä luvuista voisi laskea sen eurot; tai riville ei ole kohdennettu henkilöstöä tai kirjanpitoa.</source>
        <translation>FTEs and ledger euros are allocated to services by the events&apos; euros. – = not shown: the client count of one of the row&apos;s services is hidden (fewer than five clients, or hidden beside such a group) and its euros could be computed from these figures; or no personnel or books are allocated to the row.</translation>
    </message>
</context>
<context>
    <name>GoalsModel</name>
    <message>
        <location filename="../../desktop/ui/models/network_models.py" line="+35"/>
        <source>Tavoite</source>
        <translation>Goal</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Toimipistetyypit</source>
        <translation>Site types</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Koot</source>
        <translation>Sizes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kohdeväestö</source>
        <translation>Target population</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aikaraja (min)</source>
        <translation>Time limit (min)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tavoite %</source>
        <translation>Target %</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kattavuus %</source>
        <translation>Coverage %</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tila</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kattamatta (hlö)</source>
        <translation>Not covered (persons)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ei reittiä (hlö)</source>
        <translation>No route (persons)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kunnat alle tavoitteen</source>
        <translation>Municipalities below target</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>kaikki</source>
        <translation>all</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>koko väestö</source>
        <translation>whole population</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>65 vuotta täyttäneet</source>
        <translation>aged 65 and over</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>toteutuu</source>
        <translation>met</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ei toteudu</source>
        <translation>not met</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ei yhtään</source>
        <translation>none</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>1 kunta</source>
        <translation>1 municipality</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} kuntaa</source>
        <translation>{0} municipalities</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Alle tavoitteen {0} %: </source>
        <translation>Below the target {0} %: </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Luvut perustuvat osin linnuntie-arvioon (etäisyys × kiertokerroin / nopeus).</source>
        <translation>The figures are partly based on a straight-line estimate (distance × detour factor / speed).</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/help_dialog.py" line="+33"/>
        <source>Käyttöopas</source>
        <translation>User guide</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../desktop/ui/models/import_models.py" line="+17"/>
        <source>AURA-koodi</source>
        <translation>AURA code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AURA-nimi</source>
        <translation>AURA name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ammattiluokka</source>
        <translation>professional group</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>erityislaki</source>
        <translation>special act</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>henkilö</source>
        <translation>person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ikä</source>
        <translation>age</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kohde</source>
        <translation>destination</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>koko</source>
        <translation>size</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kapasiteetti</source>
        <translation>capacity</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kulkutapa</source>
        <translation>travel mode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kunta</source>
        <translation>municipality</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kustannus</source>
        <translation>cost</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>käynnin luonne</source>
        <translation>visit type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>käyntisyy</source>
        <translation>reason for visit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>leveysaste</source>
        <translation>latitude</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lukumäärä</source>
        <translation>count</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lähde</source>
        <translation>source</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lähtöruutu</source>
        <translation>origin cell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>minuutit</source>
        <translation>minutes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>määrä</source>
        <translation>units</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nimi</source>
        <translation>name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>palvelu</source>
        <translation>service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>palvelumuoto</source>
        <translation>service form</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pituusaste</source>
        <translation>longitude</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>päivämäärä</source>
        <translation>date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ruutu</source>
        <translation>grid cell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sukupuoli</source>
        <translation>sex</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>syntymävuosi</source>
        <translation>year of birth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tunnus</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tuottaja</source>
        <translation>producer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tyyppi</source>
        <translation>type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>vuosi</source>
        <translation>year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>väestö</source>
        <translation>population</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>y</source>
        <translation>y</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>yhteystapa</source>
        <translation>contact type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kustannuspaikka</source>
        <translation>cost centre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ammattiryhmä</source>
        <translation>professional group</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kuukausi</source>
        <translation>month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>henkilötyövuodet</source>
        <translation>full-time equivalents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>palkat</source>
        <translation>wages</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>henkilöt</source>
        <translation>employees</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dialogs/import_dialog.py" line="+63"/>
        <location line="+136"/>
        <source>Tuo tiedosto</source>
        <translation>Import file</translation>
    </message>
    <message>
        <location line="-124"/>
        <source>Ei tiedostoa</source>
        <translation>No file</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Valitse tiedosto...</source>
        <translation>Choose file...</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Aineiston laji:</source>
        <translation>Kind of data:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Välilehti tai taso:</source>
        <translation>Sheet or layer:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kulkutapa (matka-ajat):</source>
        <translation>Travel mode (travel times):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tallenna profiilina...</source>
        <translation>Save as profile...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Poista profiili</source>
        <translation>Remove profile</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tuontiprofiili:</source>
        <translation>Import profile:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sarakkeiden vastaavuus (valitse kenttä kunkin sarakkeen yläpuolelta):</source>
        <translation>Column mapping (choose a field above each column):</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Tuo vain kelvolliset rivit (virheelliset kirjataan erän raporttiin)</source>
        <translation>Import only valid rows (invalid ones are listed in the batch report)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Korvaa aiemmin tuotu sama tiedosto</source>
        <translation>Replace the same file imported earlier</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Tuo</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Peruuta tuonti</source>
        <translation>Cancel import</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sulje</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+213"/>
        <source>Valitse tuotava tiedosto</source>
        <translation>Choose the file to import</translation>
    </message>
    <message>
        <location line="-212"/>
        <location line="+213"/>
        <source>Aineistot (*.csv *.txt *.tsv *.xlsx *.xlsm *.xls *.ods *.gpkg);;Kaikki tiedostot (*)</source>
        <translation>Data files (*.csv *.txt *.tsv *.xlsx *.xlsm *.xls *.ods *.gpkg);;All files (*)</translation>
    </message>
    <message>
        <location line="-182"/>
        <source>Avataan tiedostoa %1...</source>
        <translation>Opening file %1...</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>(ei profiilia)</source>
        <translation>(no profile)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Tallenna profiili</source>
        <translation>Save profile</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Profiilin nimi:</source>
        <translation>Profile name:</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Perutaan...</source>
        <translation>Cancelling...</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Aloitetaan...</source>
        <translation>Starting...</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>, aikaa jäljellä noin %1 s</source>
        <translation>, about %1 s left</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Tuonti onnistui</source>
        <translation>Import done</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Tuonti epäonnistui; mitään ei tallennettu.</source>
        <translation>The import failed; nothing was saved.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Tuonti peruttiin; mitään ei tallennettu.</source>
        <translation>The import was cancelled; nothing was saved.</translation>
    </message>
</context>
<context>
    <name>KeyDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/key_dialog.py" line="+39"/>
        <source>Pseudonymisointiavaimet</source>
        <translation>Pseudonymisation keys</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Henkilötunnisteet tallennetaan projektiin avaimella laskettuina pseudonyymeinä. Avain säilytetään projektitiedoston ulkopuolella, omassa avainkansiossasi; projektiin tallennetaan vain avaimen tunniste. Avain tarvitaan vain henkilötason tietojen tuontiin: raportit ja kaaviot toimivat ilman sitä.</source>
        <translation>Person ids are stored in the project as pseudonyms computed with a key. The key is kept outside the project file, in your own key folder; the project keeps only the key&apos;s fingerprint. The key is needed only to import person-level data: reports and charts work without it.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Luo uusi avain...</source>
        <translation>Create a new key...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tuo avaintiedosto...</source>
        <translation>Import a key file...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vie avain tiedostoon...</source>
        <translation>Export the key to a file...</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Säilytä avaintiedosto tallessa ja luottamuksellisena. Jos avain katoaa, projektiin ei voi enää tuoda uusia henkilötason tietoja niin, että ne liittyvät jo tallennettuihin henkilöihin.</source>
        <translation>Keep the key file safe and confidential. If the key is lost, no new person-level data can be imported into the project so that it links to the persons already stored.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sulje</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>(uusien projektien oletus)</source>
        <translation>(default for new projects)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(tämän projektin avain)</source>
        <translation>(this project&apos;s key)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Projektia ei ole avattu.</source>
        <translation>No project is open.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Projektissa ei ole vielä henkilötason tietoja, joten sillä ei ole avainta. Ensimmäinen tuonti käyttää uusien projektien oletusavainta.</source>
        <translation>The project holds no person-level data yet, so it has no key. The first import uses the default key for new projects.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Projektin avain: %1 (tällä koneella).</source>
        <translation>Project key: %1 (on this computer).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Projektin avain: %1 – ei tällä koneella. Henkilötason tietoja ei voi tuoda ennen kuin avain tuodaan (Tuo avaintiedosto...).</source>
        <translation>Project key: %1 – not on this computer. Person-level data cannot be imported until the key is imported (Import a key file...).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Avainkansio: %1</source>
        <translation>Key folder: %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Luo uusi avain</source>
        <translation>Create a new key</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Luodaanko uusi pseudonymisointiavain? Uudet projektit saavat sen; olemassa olevat projektit pitävät omansa.</source>
        <translation>Create a new pseudonymisation key? New projects get it; existing projects keep theirs.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Uusi avain %1 luotiin. Vie siitä varmuuskopio (Vie avain tiedostoon...).</source>
        <translation>New key %1 was created. Export a backup of it (Export the key to a file...).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tuo avaintiedosto</source>
        <translation>Import a key file</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Avain %1 otettiin käyttöön.</source>
        <translation>Key %1 was taken into use.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Vie avain tiedostoon</source>
        <translation>Export the key to a file</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Avain %1 kirjoitettiin tiedostoon %2. Säilytä se luottamuksellisena.</source>
        <translation>Key %1 was written to %2. Keep it confidential.</translation>
    </message>
</context>
<context>
    <name>LoadingPage</name>
    <message>
        <location filename="../../desktop/ui/pages/base.py" line="+189"/>
        <source>Ladataan…</source>
        <extracomment>Finnish title in the navigation list (translated with the &quot;Page&quot; context) stable key for remembering the last page the page changed the store (e.g. saved rules); the window refreshes other pages a message for the status bar ask the main window to open the import dialog (e.g. a page&apos;s &quot;Tuo tiedosto...&quot; button) the page shows the store&apos;s content, or why it cannot (after a background load or a plain refresh) when True (the main window sets it), a hidden page refreshes when it is next shown instead of at once, so opening a big store computes only the page the planner is looking at runs a deferred refresh (the main window passes one that reports a failing page) the content stays usable after a failed load (unsaved edits can still be saved) False for a page whose load is quick (a small read): `load()`&apos;s job runs at once on the GUI thread, so the page shows the store when `refresh()` returns; a failure still goes to the banner every edit is written to the store as it is made: nothing is ever unsaved (the undo actions only) a load&apos;s UserError (e.g. a project without events) is also shown in red in the banner (False: only where `show_load_failed` shows it)</extracomment>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lataus epäonnistui: {0}</source>
        <translation>Loading failed: {0}</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Kumoa</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tee uudelleen</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tallenna</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="+91"/>
        <source>Rakennetaan demoaluetta (Keski-Suomi, synteettinen aineisto). Tämä tehdään vain kerran...</source>
        <translation>Building the demo region (Keski-Suomi, synthetic data). This is done only once...</translation>
    </message>
</context>
<context>
    <name>MeasureCharts</name>
    <message>
        <location filename="../../desktop/ui/widgets/measure_charts.py" line="+31"/>
        <source>Lämpökartta</source>
        <extracomment>a heat-map cell was clicked: the measure&apos;s tree key (&quot;measure&quot;, goal id, area id, measure id) and the month (&apos;2021-05&apos;)</extracomment>
        <translation>Heat map</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Jakauma hyötytavoitteittain</source>
        <translation>Distribution by benefit goal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jakauma kärjittäin</source>
        <translation>Distribution by focus</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Näytä:</source>
        <translation>Show:</translation>
    </message>
</context>
<context>
    <name>MeasureDetailsPanel</name>
    <message>
        <location filename="../../desktop/ui/widgets/measure_details.py" line="+42"/>
        <location line="+48"/>
        <source>Valitse toimenpide nähdäksesi sen arviohistorian ja mittarit.</source>
        <translation>Choose a measure to see its rating history and indicators.</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Arvio ja linkitetyt mittarit vuosittain – liikkuvatko luvut?</source>
        <translation>Rating and linked indicators by year – are the figures moving?</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Linkitä mittari</source>
        <translation>Link indicator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Liitä toimenpiteeseen sovelluksen laskema luku, esim. palvelun asiakkaat / 1 000 asukasta</source>
        <translation>Link a figure computed by the app to the measure, e.g. clients of a service / 1,000 residents</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Poista linkki</source>
        <translation>Remove link</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Huomiot:</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Toimenpiteen huomiot (tallentuu, kun kohdistus poistuu)</source>
        <translation>Notes on the measure (saved when the focus leaves)</translation>
    </message>
</context>
<context>
    <name>MeasureTreeModel</name>
    <message>
        <location filename="../../desktop/ui/models/measures_models.py" line="+130"/>
        <source>Hyötytavoite / kärki / toimenpide</source>
        <translation>Benefit goal / focus / measure</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Vastuuhenkilö</source>
        <translation>Person responsible</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Huomiot</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mittarit</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Arvio kuukaudelta {0} (1-5)</source>
        <translation>Rating for {0} (1-5)</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Ei linkitettyjä mittareita</source>
        <translation>No linked indicators</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} kpl</source>
        <translation>{0}</translation>
    </message>
</context>
<context>
    <name>MeasuresPage</name>
    <message>
        <location filename="../../desktop/ui/pages/measures_page.py" line="+122"/>
        <source>Lämpökartta</source>
        <translation>Heat map</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Jakauma hyötytavoitteittain</source>
        <translation>Distribution by benefit goal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jakauma kärjittäin</source>
        <translation>Distribution by focus</translation>
    </message>
    <message>
        <location line="-18"/>
        <location line="+206"/>
        <source>Uusi hyötytavoite</source>
        <translation>New benefit goal</translation>
    </message>
    <message>
        <location line="-205"/>
        <source>Uusi toimenpide…</source>
        <translation>New measure…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Siirrä…</source>
        <translation>Move…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Siirrä valittu toimenpide toisen hyötytavoitteen tai kärjen alle</source>
        <translation>Move the selected measure under another benefit goal or focus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Poista valittu</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Poistaa valitun toimenpiteen, kärjen tai hyötytavoitteen arvioineen</source>
        <translation>Removes the selected measure, focus or benefit goal with its ratings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lisää kuukausi</source>
        <translation>Add month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lisää seuraavan kuukauden sarake arvioille</source>
        <translation>Add a column for next month&apos;s ratings</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tuo Excel…</source>
        <translation>Import Excel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tuo arviot Excel-taulukosta (taulukko &apos;Arviot&apos;: toimenpiderivit, kuukausisarakkeet)</source>
        <translation>Import ratings from an Excel sheet (sheet &apos;Arviot&apos;: measure rows, month columns)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vie…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seurantataulukko Excel-tiedostoon…</source>
        <translation>Tracking table to an Excel file…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} (PNG, SVG, PDF tai XLSX)…</source>
        <translation>{0} (PNG, SVG, PDF or XLSX)…</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Kumottu: {0}</source>
        <translation>Undone: {0}</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Kumoa: {0} (Ctrl+Z)</source>
        <translation>Undo: {0} (Ctrl+Z)</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Kehittämistoimenpiteet</source>
        <translation>Development measures</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>Ei linkitettäviä lukuja: projektissa ei ole luokiteltuja palvelutapahtumia tai muita laskettuja lukuja</source>
        <translation>No figures to link: the project has no classified service events or other computed figures</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Hyötytavoitteen nimi:</source>
        <translation>Name of the benefit goal:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Lisää ensin hyötytavoite.</source>
        <translation>First add a benefit goal.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Valitse ensin siirrettävä toimenpide.</source>
        <translation>First choose the measure to move.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Siirrä: {0}</source>
        <translation>Move: {0}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Poista kärki</source>
        <translation>Remove focus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Poistetaanko kärki &apos;{0}&apos; ja sen kaikki toimenpiteet kaikkien hyötytavoitteiden alta? Voit kumota poiston (Ctrl+Z).</source>
        <translation>Remove focus &apos;{0}&apos; and all its measures under every benefit goal? You can undo the removal (Ctrl+Z).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Poista hyötytavoite</source>
        <translation>Remove benefit goal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Poistetaanko hyötytavoite &apos;{0}&apos; ja sen kaikki toimenpiteet? Voit kumota poiston (Ctrl+Z).</source>
        <translation>Remove benefit goal &apos;{0}&apos; and all its measures? You can undo the removal (Ctrl+Z).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Tuo arviot Excel-tiedostosta</source>
        <translation>Import ratings from an Excel file</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+11"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Tuotu {0}: {1} uutta toimenpidettä, {2} päivitetty, {3} arviota.</source>
        <translation>Imported {0}: {1} new measures, {2} updated, {3} ratings.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Vie seurantataulukko</source>
        <translation>Export tracking table</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+13"/>
        <source>Tallennettu {0}</source>
        <translation>Saved {0}</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Vie kuva</source>
        <translation>Export picture</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kuva (*.png *.svg *.pdf);;Taulukko (*.xlsx)</source>
        <translation>Picture (*.png *.svg *.pdf);;Table (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>NetworkMapView</name>
    <message>
        <location filename="../../desktop/ui/widgets/network_map_view.py" line="+44"/>
        <source>Koko alue</source>
        <extracomment>a click on the map in add mode: x, y in metres (EPSG:3067) the view was zoomed, panned or reset</extracomment>
        <translation>Whole region</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lisää toimipiste klikkaamalla</source>
        <translation>Add a site by clicking</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lähennä (tai hiiren rulla)</source>
        <translation>Zoom in (or the mouse wheel)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loitonna (tai hiiren rulla)</source>
        <translation>Zoom out (or the mouse wheel)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Näytä koko alue</source>
        <translation>Show the whole region</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kun painike on pohjassa, kartan napsautus lisää mitä jos -toimipisteen siihen kohtaan</source>
        <translation>While this button is down, a click on the map adds a what-if site there</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rulla lähentää, vetäminen siirtää, osoitin ruudun päällä kertoo sen tiedot.</source>
        <translation>The wheel zooms, dragging moves, the pointer over a cell shows its figures.</translation>
    </message>
</context>
<context>
    <name>NetworkPage</name>
    <message>
        <location filename="../../desktop/ui/pages/network_page.py" line="+89"/>
        <source>Kumoa</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tee uudelleen</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+197"/>
        <source>Lisää tavoite</source>
        <translation>Add goal</translation>
    </message>
    <message>
        <location line="-196"/>
        <location line="+201"/>
        <source>Poista tavoite</source>
        <translation>Remove goal</translation>
    </message>
    <message>
        <location line="-200"/>
        <source>Vie taulukot (XLSX)…</source>
        <translation>Export tables (XLSX)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vie kuva (PNG/SVG/PDF)…</source>
        <translation>Export picture (PNG/SVG/PDF)…</translation>
    </message>
    <message>
        <location line="+248"/>
        <source>Uudet toimipisteet</source>
        <translation>New sites</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>Tavoite</source>
        <translation>Goal</translation>
    </message>
    <message>
        <location line="-193"/>
        <source>Kapasiteetit huomioiden</source>
        <extracomment>emitted after every what-if recomputation with its duration in seconds after a failed load the content stays disabled (the goals were not read, so editing them could overwrite the saved ones) a goal edit is saved to the store at once</extracomment>
        <translation>Within capacities</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Henkilö lasketaan katetuksi vain, jos aikarajan sisällä on toimipiste, jossa on tilaa (toimipisteen kapasiteetti, hlö).</source>
        <translation>A person counts as covered only when a site within the threshold has room (the site&apos;s capacity, persons).</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Ei avointa projektia.</source>
        <translation>No open project.</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Ladataan palveluverkkoa…</source>
        <translation>Loading the service network…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Palveluverkon lataus epäonnistui: {0}</source>
        <translation>Loading the service network failed: {0}</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>Muokkaa tavoitetta</source>
        <translation>Edit goal</translation>
    </message>
    <message>
        <location line="-166"/>
        <source>Skenaario tallennettu: </source>
        <translation>Scenario saved: </translation>
    </message>
    <message>
        <location line="+224"/>
        <source>Etsitään parhaita paikkoja…</source>
        <translation>Looking for the best places…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Vie taulukot</source>
        <translation>Export tables</translation>
    </message>
</context>
<context>
    <name>NetworkTabs</name>
    <message>
        <location filename="../../desktop/ui/widgets/network_tabs.py" line="+45"/>
        <source>Kartta</source>
        <translation>Map</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Kertymäkäyrä</source>
        <translation>Cumulative curve</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kunnittain</source>
        <translation>By municipality</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tunnus</source>
        <translation>Id</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Toimipiste</source>
        <translation>Site</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tyyppi</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Koko</source>
        <translation>Size</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Lähin toimipiste (hlö)</source>
        <translation>Nearest site (persons)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aikarajan sisällä (hlö)</source>
        <translation>Within the time limit (persons)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vain tämä kattaa (hlö)</source>
        <translation>Only this site covers (persons)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kapasiteetti (hlö)</source>
        <translation>Capacity (persons)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Palvelee kapasiteetilla (hlö)</source>
        <translation>Serves within capacity (persons)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Vaikutusalueet</source>
        <translation>Catchments</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mitä jos</source>
        <translation>What if</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Uudet toimipisteet</source>
        <translation>New sites</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Matka-ajat</source>
        <translation>Travel times</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+7"/>
        <source>Kunta</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+7"/>
        <source>Nimi</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Kohdeväestö</source>
        <translation>Target population</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Katettu</source>
        <translation>Covered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ei reittiä</source>
        <translation>No route</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kattavuus %</source>
        <translation>Coverage %</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Asukkaita</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vaadittu koko</source>
        <translation>Required size</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sote-keskus</source>
        <translation>Health and social care centre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hammashoitola</source>
        <translation>Dental unit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Päivätoimintakeskus</source>
        <translation>Day centre</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Kuntakeskukset: alle 5 000 asukkaan keskuksessa vähintään S-koon, yli 5 000 asukkaan keskuksessa M-koon sote-keskus ja hammashoitola; jokaisessa päivätoimintakeskus (alueen palveluverkkolinjaus).</source>
        <translation>Municipal centres: a centre under 5,000 residents needs at least an S-size, over 5,000 an M-size health centre and dental clinic; every one a day centre (the county&apos;s service network policy).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>kyllä</source>
        <translation>yes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>EI</source>
        <translation>NO</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Kuntarajat: Maanmittauslaitos 2023 (CC BY 4.0)</source>
        <translation>Borders: National Land Survey of Finland 2023 (CC BY 4.0)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Vie kuva</source>
        <translation>Export picture</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Ruutu {0}: {1} asukasta</source>
        <translation>Cell {0}: {1} residents</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ruutu {0}: {1} ({2})</source>
        <translation>Cell {0}: {1} ({2})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ei reittiä yhteenkään toimipisteeseen</source>
        <translation>No route to any site</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lähin: {0}, {1} min</source>
        <translation>Nearest: {0}, {1} min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(yli aikarajan {0} min)</source>
        <translation>(beyond the {0} min threshold)</translation>
    </message>
</context>
<context>
    <name>NewMeasureDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/measure_dialog.py" line="+15"/>
        <source>Uusi kehittämistoimenpide</source>
        <translation>New development measure</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Hyötytavoite</source>
        <translation>Benefit goal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kärki (valitse tai kirjoita uusi)</source>
        <translation>Focus (choose or type a new one)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Toimenpide</source>
        <translation>Measure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vastuuhenkilö</source>
        <translation>Person responsible</translation>
    </message>
</context>
<context>
    <name>NewSitesPanel</name>
    <message>
        <location filename="../../desktop/ui/widgets/new_sites_panel.py" line="+44"/>
        <source>Vähiten uusia paikkoja, joilla tavoite saavutetaan</source>
        <extracomment>run was pressed: the page runs the search with `request()` and hands the answer to `show_result` put the answer&apos;s new sites on the map as what-if sites save the answer&apos;s new sites as a named scenario (the name)</extracomment>
        <translation>The fewest new sites that reach the goal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parhaat uudet paikat, kappaletta:</source>
        <translation>The best new sites, how many:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Ota toimipisteiden kapasiteetit huomioon</source>
        <translation>Use the sites&apos; capacities</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> hlö</source>
        <translation> persons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Etsi parhaat paikat</source>
        <translation>Find the best places</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Uusi toimipiste</source>
        <translation>New site</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kunta</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lisää kattavuutta (hlö)</source>
        <translation>Adds to the coverage (persons)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Näytä kartalla mitä jos -tilanteena</source>
        <translation>Show on the map as a what-if</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>skenaarion nimi</source>
        <translation>scenario name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tallenna skenaarioksi</source>
        <translation>Save as a scenario</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tavoite</source>
        <translation>Goal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mihin uusia paikkoja voi tulla</source>
        <translation>Where new sites may go</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Kysymys</source>
        <translation>Question</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>uuden paikan kapasiteetti</source>
        <translation>capacity of a new site</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Kuntakeskukset, joissa ei vielä ole toimipistettä</source>
        <translation>Municipal centres without a site yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asutut ruudut, joita mikään toimipiste ei palvele aikarajassa</source>
        <translation>Populated cells no site serves within the threshold</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Toimipistetyypin paikat: {0}</source>
        <translation>Places of site type: {0}</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Uudet paikat: {0}</source>
        <translation>New sites: {0}</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <location filename="../../desktop/ui/pages/__init__.py" line="+16"/>
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
        <location filename="../../desktop/ui/worker.py" line="+144"/>
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
    <name>ProjectFiles</name>
    <message>
        <location filename="../../desktop/ui/project_files.py" line="+43"/>
        <source>Tallentamattomia muutoksia</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sivuilla %1 on tallentamattomia muutoksia. Tallennetaanko ne?</source>
        <translation>The pages %1 have unsaved changes. Save them?</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Projekti on käytössä</source>
        <translation>Project in use</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Avataanko projekti vain luku -tilassa? Silloin et voi muuttaa sitä.</source>
        <translation>Open the project read-only? You cannot change it then.</translation>
    </message>
    <message>
        <location line="+6"/>
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
        <location line="+7"/>
        <location line="+13"/>
        <location line="+11"/>
        <source>Uusi projekti</source>
        <translation>New project</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Tiedosto %1 on jo olemassa. Valitse uudelle projektille toinen nimi.</source>
        <translation>The file %1 already exists. Choose another name for the new project.</translation>
    </message>
    <message>
        <location line="+10"/>
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
        <location line="+4"/>
        <source>Tuo tiedosto</source>
        <translation>Import file</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Avaa tai luo ensin projekti, johon tiedosto tuodaan.</source>
        <translation>First open or create the project to import the file into.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Projekti on avattu vain luku -tilassa, joten siihen ei voi tuoda tiedostoja.</source>
        <translation>The project is open read-only, so no files can be imported into it.</translation>
    </message>
    <message>
        <location line="+15"/>
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
    <name>ProjectTitle</name>
    <message>
        <location filename="../../desktop/ui/project_title.py" line="+46"/>
        <location line="+2"/>
        <source>Ei avointa projektia</source>
        <translation>No open project</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Avaa projekti tai luo uusi Tiedosto-valikosta.</source>
        <translation>Open a project or create a new one from the File menu.</translation>
    </message>
    <message>
        <location line="+16"/>
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
        <source>[tiimin projekti palvelimella %1]</source>
        <translation>[team project on server %1]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tiimin projekti: %1</source>
        <translation>Team project: %1</translation>
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
</context>
<context>
    <name>RatingDelegate</name>
    <message>
        <location filename="../../desktop/ui/models/measures_models.py" line="+41"/>
        <source>– (ei arviota)</source>
        <translation>– (no rating)</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/report_dialog.py" line="+83"/>
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
    <name>ReportTexts</name>
    <message>
        <location filename="../../desktop/ui/report_texts.py" line="+20"/>
        <source>Segmentti</source>
        <extracomment>the Finnish texts of desktop.reports marked for pyside6-lupdate; tests/ui/test_translations.py checks that every text those tables can produce is here and translated</extracomment>
        <translation>Segment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Elämänkaari</source>
        <translation>Life stage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AURA-palveluluokka</source>
        <translation>AURA service class</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Palvelu</source>
        <translation>Service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Palvelurakenne</source>
        <translation>Service structure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tuottaja</source>
        <translation>Producer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kunta</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sukupuoli</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ikäryhmä</source>
        <translation>Age group</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vuosi</source>
        <translation>Year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Taso</source>
        <translation>Level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Käynnit ja kontaktit</source>
        <translation>Visits and contacts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asiakkaat</source>
        <translation>Clients</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suoritteet</source>
        <translation>Units</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Eurot</source>
        <translation>Euros</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>€/asukas</source>
        <translation>€/resident</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>€/asiakas</source>
        <translation>€/client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Henkilöt</source>
        <translation>Persons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tapahtumat</source>
        <translation>Events</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asukkaat</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asiakkaita / 1 000 asukasta</source>
        <translation>Clients / 1,000 residents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Osuus väestöstä</source>
        <translation>Share of population</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Muutos edellisestä vuodesta</source>
        <translation>Change from previous year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vertailu €/asukas</source>
        <translation>Comparison €/resident</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Osuus euroista</source>
        <translation>Share of euros</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vertailu: osuus euroista</source>
        <translation>Comparison: share of euros</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Laji</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tavoite</source>
        <translation>Target</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Toteuma</source>
        <translation>Actual</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tila</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mittari</source>
        <translation>Measure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kertymä</source>
        <translation>Cumulative</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nimi</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>vihreä</source>
        <translation>green</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>keltainen</source>
        <translation>yellow</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>punainen</source>
        <translation>red</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>luokittelematon</source>
        <translation>unclassified</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>saavutettu</source>
        <translation>met</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ei saavutettu</source>
        <translation>not met</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ei tietoa</source>
        <translation>no data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>käynnit</source>
        <translation>visits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>asiakkaat</source>
        <translation>clients</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>eurot</source>
        <translation>euros</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>toteutunut</source>
        <translation>observed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ennuste</source>
        <translation>forecast</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>väestösegmentti</source>
        <translation>population segment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>asiakassegmentti</source>
        <translation>client segment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>palvelutarve</source>
        <translation>service need</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Henkilötyövuodet (htv)</source>
        <translation>Full-time equivalents (FTE)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kirjanpidon eurot</source>
        <translation>Ledger euros</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Käyntejä / htv</source>
        <translation>Contacts / FTE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kirjanpidon € / käynti</source>
        <translation>Ledger € / contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AURA-koodi</source>
        <translation>AURA code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tapahtumien eurot</source>
        <translation>Event euros</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kattavuus %</source>
        <translation>Coverage %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Erotus €</source>
        <translation>Difference €</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ammattiryhmä</source>
        <translation>Professional group</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kustannuspaikka</source>
        <translation>Cost centre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Palkat €</source>
        <translation>Wages €</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Palkat € / htv</source>
        <translation>Wages € / FTE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Henkilöstö</source>
        <translation>Personnel</translation>
    </message>
</context>
<context>
    <name>ResourceRulesPanel</name>
    <message>
        <location filename="../../desktop/ui/widgets/resource_rules_panel.py" line="+65"/>
        <source>Kustannuspaikan henkilöstö ja kirjanpidon eurot kohdennetaan palveluihin osuuksin; AURA-luokan eurot jaetaan oletuksena palveluiden tapahtumaeurojen suhteessa. Ensimmäinen sopiva sääntö ratkaisee.</source>
        <translation>A cost centre&apos;s personnel and ledger euros are allocated to services with shares; an AURA class&apos;s euros are split by default in proportion to its services&apos; event euros. The first fitting rule decides.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nro</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sääntö</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+65"/>
        <source>Htv</source>
        <translation>FTE</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>Kirjanpidon €</source>
        <translation>Ledger €</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Huomio</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>+ Kustannuspaikka</source>
        <translation>+ Cost centre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>+ AURA-luokka</source>
        <translation>+ AURA class</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Poista sääntö</source>
        <translation>Delete rule</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Siirrä aiemmaksi</source>
        <translation>Move earlier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Siirrä myöhemmäksi</source>
        <translation>Move later</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Valittu sääntö</source>
        <translation>Selected rule</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>esim. 2538* tai 253610 Neuvolat</source>
        <translation>e.g. 2538* or 253610 Clinics</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>kaikki (tai esim. lääkäri, sairaanhoitaja)</source>
        <translation>all (or e.g. lääkäri, sairaanhoitaja)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>esim. NEUVOLA 60, VO-HOIT 40</source>
        <translation>e.g. NEUVOLA 60, VO-HOIT 40</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Palvelukoodit ja prosenttiosuudet; yhdeltä palvelulta voi jättää osuuden pois, jolloin se saa loput. AURA-luokan säännössä tyhjä: tapahtumaeurojen suhteessa.</source>
        <translation>Service codes and percentages; one service may be left without a share and gets the rest. In an AURA class rule, empty: in proportion to event euros.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Käytössä</source>
        <translation>In use</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Peruste</source>
        <translation>Basis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kustannuspaikka / AURA-koodi</source>
        <translation>Cost centre / AURA code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ammattiryhmät</source>
        <translation>Professional groups</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Palvelut ja osuudet</source>
        <translation>Services and shares</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Selite</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Kattavuus: kohdentamatta viimeisimpänä vuonna</source>
        <translation>Coverage: not allocated in the latest year</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Lähde</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kustannuspaikka / AURA</source>
        <translation>Cost centre / AURA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Syy</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Euroja</source>
        <translation>Euros</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Luo sääntö valitusta</source>
        <translation>Create a rule from the selection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lisää sääntö, joka kohdentaa valitun kustannuspaikan tai AURA-luokan valitulle palvelulle</source>
        <translation>Add a rule that allocates the selected cost centre or AURA class to the selected service</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Uusi henkilöstö- ja taloussääntö</source>
        <translation>New personnel and finance rule</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Poista henkilöstö- ja taloussääntö</source>
        <translation>Delete personnel and finance rule</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Siirrä henkilöstö- ja taloussääntöä</source>
        <translation>Move personnel and finance rule</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Muuta henkilöstö- ja taloussääntöä</source>
        <translation>Change personnel and finance rule</translation>
    </message>
    <message>
        <location line="+141"/>
        <location line="+8"/>
        <source>Projektissa ei ole henkilöstö- eikä talousrivejä. Tuo ne (Tiedosto &gt; Tuo, lajit Henkilöstö ja Talous).</source>
        <translation>The project has no personnel or finance rows. Import them (File &gt; Import, kinds Personnel and Finance).</translation>
    </message>
</context>
<context>
    <name>SaveConflict</name>
    <message>
        <location filename="../../desktop/ui/dialogs/save_conflict.py" line="+29"/>
        <source>Joku muu tallensi ensin</source>
        <translation>Someone else saved first</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Lataa uudelleen</source>
        <translation>Reload</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tallenna kopiona…</source>
        <translation>Save as a copy…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jatka muokkausta</source>
        <translation>Keep editing</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Tallenna muutokset projektin kopioon</source>
        <translation>Save the changes into a copy of the project</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sote-projektit (*.sote)</source>
        <translation>Sote projects (*.sote)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Tallenna kopiona</source>
        <translation>Save as a copy</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kopioidaan projektia…</source>
        <translation>Copying the project…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kopiota ei tallennettu</source>
        <translation>The copy was not saved</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Tallennettu kopioon</source>
        <translation>Saved into a copy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Muutoksesi tallennettiin projektin kopioon %1. Näet nyt tiimin uusimman version; kopion voit avata Tiedosto-valikosta.</source>
        <translation>Your changes were saved into the project copy %1. You now see the team&apos;s newest version; open the copy from the File menu.</translation>
    </message>
</context>
<context>
    <name>ScaleLegend</name>
    <message>
        <location filename="../../desktop/ui/widgets/measure_charts.py" line="+70"/>
        <source>Asteikko:</source>
        <translation>Scale:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Arvioi kuukauden solussa: numero 1-5 tai kaksoisnapsautus avaa valikon; Delete tyhjentää.</source>
        <translation>Rate in a month&apos;s cell: a number 1-5, or double-click for a menu; Delete clears.</translation>
    </message>
</context>
<context>
    <name>SegmentRuleTree</name>
    <message>
        <location filename="../../desktop/ui/widgets/segment_rule_tree.py" line="+90"/>
        <source>Lisää ehto</source>
        <translation>Add condition</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lisää valitun tyyppinen ehto valittuun ryhmään</source>
        <translation>Add a condition of the chosen type to the selected group</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>+ ja-ryhmä</source>
        <translation>+ and group</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>+ tai-ryhmä</source>
        <translation>+ or group</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Kääri ei-ehtoon</source>
        <translation>Wrap in &quot;not&quot;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vaihda ja/tai</source>
        <translation>Switch and/or</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Poista ehto</source>
        <translation>Remove condition</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>vuoden lopussa</source>
        <translation>at the end of the year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>käynnillä</source>
        <translation>at the event</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+72"/>
        <source>nainen</source>
        <translation>female</translation>
    </message>
    <message>
        <location line="-71"/>
        <location line="+71"/>
        <source>mies</source>
        <translation>male</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>arvot pilkuin eroteltuina</source>
        <translation>values separated by commas</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Ikä (vähintään – enintään)</source>
        <translation>Age (from – to)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ikä ajankohtana</source>
        <translation>Age at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sukupuoli</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kenttä</source>
        <translation>Field</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Arvot</source>
        <translation>Values</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vähintään kertaa</source>
        <translation>At least times</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Palvelutarpeen taso</source>
        <translation>Need level</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>ikä</source>
        <translation>age</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>sukupuoli</source>
        <translation>sex</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>kunta</source>
        <translation>municipality</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>erityislaki</source>
        <translation>special law</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>käyttänyt palvelua</source>
        <translation>used a service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>käyntisyy</source>
        <translation>reason</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>palvelutarpeen taso</source>
        <translation>need level</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>palvelu</source>
        <translation>service</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>AURA-luokka</source>
        <translation>AURA class</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>taso</source>
        <translation>level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rakenne</source>
        <translation>structure</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>lähdejärjestelmän koodi</source>
        <translation>source system code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>palvelumuoto</source>
        <translation>service form</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>tuottaja</source>
        <translation>producer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Satunnainen tarve</source>
        <translation>Occasional need</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Laajempi tarve</source>
        <translation>Wider need</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suuri tarve</source>
        <translation>High need</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>kaikki seuraavat</source>
        <translation>all of the following</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>jokin seuraavista</source>
        <translation>any of the following</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ei</source>
        <translation>not</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>vähintään {0}</source>
        <translation>at least {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>enintään {0}</source>
        <translation>at most {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mikä tahansa</source>
        <translation>any</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ikä käynnillä {0}</source>
        <translation>Age at the event {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ikä vuoden lopussa {0}</source>
        <translation>Age at the end of the year {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sukupuoli: {0}</source>
        <translation>Sex: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kunta: {0}</source>
        <translation>Municipality: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Erityislaki: {0}</source>
        <translation>Special law: {0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Käyttänyt palvelua {0} vähintään {1} kertaa</source>
        <translation>Used service {0} at least {1} times</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Käyttänyt ({0}) {1} vähintään {2} kertaa</source>
        <translation>Used ({0}) {1} at least {2} times</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Käyntisyy {0} vähintään {1} kertaa</source>
        <translation>Reason {0} at least {1} times</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Palvelutarpeen taso: {0}</source>
        <translation>Need level: {0}</translation>
    </message>
</context>
<context>
    <name>SegmentsLayout</name>
    <message>
        <location filename="../../desktop/ui/pages/segments_layout.py" line="+56"/>
        <source>Vuosi</source>
        <translation>Year</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Koot</source>
        <translation>Sizes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Päällekkäisyys</source>
        <translation>Overlap</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Yhdistelmät</source>
        <translation>Combinations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ennuste</source>
        <translation>Forecast</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Lisää</source>
        <translation>Add</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+1"/>
        <source>Uusi ikäsegmentti</source>
        <translation>New age segment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uusi käyntisyysegmentti</source>
        <translation>New visit-reason segment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uusi asiakassegmentti</source>
        <translation>New client segment</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Poista</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>väestösegmentti</source>
        <translation>population segment</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>asiakassegmentti</source>
        <translation>client segment</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+56"/>
        <source>palvelutarpeen taso</source>
        <translation>service need level</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Käytä ehtoa</source>
        <translation>Apply condition</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Näytä ehto tekstinä (edistynyt)</source>
        <translation>Show the condition as text (advanced)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nimi</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Laji</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Henkilöitä</source>
        <translation>Persons</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Lisää ehto</source>
        <translation>Add condition</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Laajempi tarve alkaen (€/asiakas)</source>
        <translation>Wider need from (€/client)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suuri tarve alkaen (€/asiakas)</source>
        <translation>High need from (€/client)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suuri tarve punaisella palvelulla (€)</source>
        <translation>High need on a red service (€)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>ikä vuoden lopussa</source>
        <translation>age at year end</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ikä käynnillä</source>
        <translation>age at the visit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sukupuoli (1/2)</source>
        <translation>sex (1/2)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>kunta</source>
        <translation>municipality</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>erityislaki</source>
        <translation>special law</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>käyttänyt palvelua</source>
        <translation>used the service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>käyntisyy (esim. F20-F99)</source>
        <translation>visit reason (e.g. F20-F99)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>palvelu</source>
        <translation>service</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>AURA-luokka</source>
        <translation>AURA class</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>taso</source>
        <translation>level</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>rakenne</source>
        <translation>structure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lähdejärjestelmän koodi</source>
        <translation>source system code</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>arvot pilkuin eroteltuina</source>
        <translation>values separated by commas</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>ei</source>
        <translation>not</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ja</source>
        <translation>and</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tai</source>
        <translation>or</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>vähintään (ikä tai tapahtumien määrä)</source>
        <translation>at least (age or number of events)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>enintään (ikä)</source>
        <translation>at most (age)</translation>
    </message>
</context>
<context>
    <name>SegmentsPage</name>
    <message>
        <location filename="../../desktop/ui/pages/segments_page.py" line="+298"/>
        <source>Tallenna</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="-201"/>
        <source>Ladataan segmenttejä…</source>
        <extracomment>a failed load leaves nothing to show or edit</extracomment>
        <translation>Loading the segments…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Segmenttien lataus epäonnistui: {0}</source>
        <translation>Loading the segments failed: {0}</translation>
    </message>
    <message>
        <location line="+200"/>
        <source>Segmentit tallennettu.</source>
        <translation>Segments saved.</translation>
    </message>
</context>
<context>
    <name>Slicer</name>
    <message>
        <location filename="../../desktop/ui/widgets/slicer.py" line="+45"/>
        <location line="+52"/>
        <location line="+7"/>
        <source>kaikki</source>
        <extracomment>the ticked values changed (emitted when the list closes, or by `set_values`)</extracomment>
        <translation>all</translation>
    </message>
    <message numerus="yes">
        <location line="-4"/>
        <source>%n valittu</source>
        <translation>
            <numerusform>%n selected</numerusform>
            <numerusform>%n selected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TableTools</name>
    <message>
        <location filename="../../desktop/ui/widgets/table_tools.py" line="+118"/>
        <location line="+13"/>
        <source>Vie taulukko</source>
        <translation>Export table</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Excel (*.xlsx);;CSV, puolipiste (*.csv)</source>
        <translation>Excel (*.xlsx);;CSV, semicolon (*.csv)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Kopioi</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kopioi koko taulukko</source>
        <translation>Copy whole table</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vie taulukko…</source>
        <translation>Export table…</translation>
    </message>
</context>
<context>
    <name>TargetsDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/targets_dialog.py" line="+31"/>
        <source>Tavoitteet</source>
        <translation>Targets</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>vihreä</source>
        <translation>green</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>keltainen</source>
        <translation>yellow</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>punainen</source>
        <translation>red</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>eurot</source>
        <translation>euros</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>asiakkaat</source>
        <translation>clients</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>käynnit</source>
        <translation>visits</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>vähintään</source>
        <translation>at least</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>enintään</source>
        <translation>at most</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Lisää tavoite</source>
        <translation>Add target</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Poista valittu</source>
        <translation>Remove selected</translation>
    </message>
</context>
<context>
    <name>TeamProjectDialog</name>
    <message>
        <location filename="../../desktop/ui/dialogs/team_project_dialog.py" line="+39"/>
        <source>Avaa tiimin projekti</source>
        <translation>Open team project</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tiimin yhteinen projekti on hyvinvointialueen PostgreSQL-palvelimella. Salasanaa ei tallenneta.</source>
        <translation>The team&apos;s shared project is on the county&apos;s PostgreSQL server. The password is not saved.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Palvelin:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Portti:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tietokanta:</source>
        <translation>Database:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Käyttäjä:</source>
        <translation>User:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Salasana:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SSL-salaus:</source>
        <translation>SSL encryption:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Avaa</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Anna tietokannan nimi.</source>
        <translation>Give the database name.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Salasana käyttäjälle %1 (%2):</source>
        <translation>Password of %1 (%2):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tiimin projektin salasana</source>
        <translation>Team project password</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Tietokantarakenne on vanha</source>
        <translation>The schema is old</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Päivitetäänkö tiimin projektin rakenne nyt? Ota palvelimesta ensin varmuuskopio; koko tiimi tarvitsee sen jälkeen tämän ohjelmaversion.</source>
        <translation>Upgrade the team project&apos;s schema now? Back up the server first; afterwards the whole team needs this app version.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tiimin projektia ei voitu avata</source>
        <translation>The team project could not be opened</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Tiimin projekti %1 avattu.</source>
        <translation>Team project %1 opened.</translation>
    </message>
</context>
<context>
    <name>TrafficLightsLayout</name>
    <message>
        <location filename="../../desktop/ui/pages/traffic_lights_layout.py" line="+36"/>
        <source>Eurot</source>
        <translation>Euros</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Asiakkaat</source>
        <translation>Clients</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Käynnit ja kontaktit</source>
        <translation>Visits and contacts</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Vuosi</source>
        <translation>Year</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mittari</source>
        <translation>Measure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kunta</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sukupuoli</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tuottaja</source>
        <translation>Producer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ikäryhmä</source>
        <translation>Age group</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Htv tasoittain</source>
        <translation>FTE by level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Henkilötyövuosien jakauma vihreisiin, keltaisiin ja punaisiin palveluihin</source>
        <translation>Distribution of full-time equivalents over green, yellow and red services</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Segmentit</source>
        <translation>Segments</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Muutos</source>
        <translation>Change</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Palvelurakenne</source>
        <translation>Service structure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suurimmat palvelut</source>
        <translation>Largest services</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kunnat</source>
        <translation>Municipalities</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vertailu</source>
        <translation>Comparison</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Henkilöstö</source>
        <translation>Personnel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Täsmäytys</source>
        <translation>Reconciliation</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Takaisin</source>
        <translation>Back</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Vie kuva…</source>
        <translation>Export picture…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Vie taulukko…</source>
        <translation>Export table…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tavoitteet…</source>
        <translation>Targets…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Vertailuprojekti…</source>
        <translation>Comparison project…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Työpajaraportti…</source>
        <translation>Workshop report…</translation>
    </message>
</context>
<context>
    <name>TrafficLightsPage</name>
    <message>
        <location filename="../../desktop/ui/pages/traffic_lights_page.py" line="+84"/>
        <source>Avaa projekti.</source>
        <translation>Open a project.</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Ladataan liikennevaloja…</source>
        <extracomment>e.g. a project without events: said on the chart, not in red at the top</extracomment>
        <translation>Loading the traffic lights…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Projektissa ei ole palvelutapahtumia.</source>
        <translation>The project has no service events.</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Liikennevalojen lataus epäonnistui: {0}</source>
        <translation>Loading the traffic lights failed: {0}</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>miehet</source>
        <translation>men</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>naiset</source>
        <translation>women</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>oma</source>
        <translation>own</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ostopalvelu</source>
        <translation>purchased</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>palveluseteli</source>
        <translation>voucher</translation>
    </message>
    <message>
        <location line="+139"/>
        <source>segmentti</source>
        <translation>segment</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>palvelu</source>
        <translation>service</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>rakenne</source>
        <translation>structure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kunta</source>
        <translation>municipality</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rajattu kuvasta: </source>
        <translation>Narrowed from the chart: </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>koodiyhdistelmät</source>
        <translation>code combinations</translation>
    </message>
    <message>
        <location line="-138"/>
        <source>Henkilötyövuodet (htv)</source>
        <translation>Full-time equivalents (FTE)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kirjanpidon eurot</source>
        <translation>Ledger euros</translation>
    </message>
    <message>
        <location line="+76"/>
        <location line="+6"/>
        <source>Vertailuprojekti</source>
        <translation>Comparison project</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Projektit (*.sote);;Kaikki (*)</source>
        <translation>Projects (*.sote);;All (*)</translation>
    </message>
    <message>
        <location line="+69"/>
        <location line="+6"/>
        <source>Vie kuva</source>
        <translation>Export picture</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Kuvat (*.png *.svg *.pdf)</source>
        <translation>Pictures (*.png *.svg *.pdf)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kuva tallennettu: </source>
        <translation>Picture saved: </translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+6"/>
        <source>Vie taulukko</source>
        <translation>Export table</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Taulukko tallennettu: </source>
        <translation>Table saved: </translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+7"/>
        <location line="+4"/>
        <source>Työpajaraportti</source>
        <translation>Workshop report</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Kirjoitetaan raporttia…</source>
        <translation>Writing the report…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Raportti tallennettu: </source>
        <translation>Report saved: </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tavoitteet</source>
        <translation>Targets</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Projekti on avattu vain luku -tilassa.</source>
        <translation>The project is open read-only.</translation>
    </message>
</context>
<context>
    <name>TravelPanel</name>
    <message>
        <location filename="../../desktop/ui/widgets/travel_panel.py" line="+25"/>
        <source>paras saatavilla</source>
        <extracomment>the planner chose a road network file to import (its path)</extracomment>
        <translation>best available</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+47"/>
        <source>matka-aikamatriisi</source>
        <translation>travel-time matrix</translation>
    </message>
    <message>
        <location line="-46"/>
        <location line="+46"/>
        <source>tieverkko</source>
        <translation>road network</translation>
    </message>
    <message>
        <location line="-46"/>
        <location line="+47"/>
        <source>linnuntie-arvio</source>
        <translation>straight-line estimate</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Käytä</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tuo tieverkko (GeoPackage tai .osm.pbf)…</source>
        <translation>Import road network (GeoPackage or .osm.pbf)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Matka-aikojen lähde</source>
        <translation>Source of travel times</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Linnuntie-arvio: kiertokerroin</source>
        <translation>Straight-line estimate: detour factor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Linnuntie-arvio: nopeus autolla (km/h)</source>
        <translation>Straight-line estimate: speed by car (km/h)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tieverkko: liityntänopeus (km/h, 0 = ei liityntäaikaa)</source>
        <translation>Road network: access speed (km/h, 0 = no access time)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tieverkko: suurin kohdistusetäisyys (m)</source>
        <translation>Road network: largest snapping distance (m)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tuo tieverkko</source>
        <translation>Import road network</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tieverkot (*.gpkg *.pbf *.osm)</source>
        <translation>Road networks (*.gpkg *.pbf *.osm)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Matka-ajat: </source>
        <translation>Travel times: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source> — osa luvuista on linnuntie-arvioita (*)</source>
        <translation> — some figures are straight-line estimates (*)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> — MITÄ JOS: {0} suljettu, {1} lisätty</source>
        <translation> — WHAT IF: {0} closed, {1} added</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+2"/>
        <source>Tieverkko</source>
        <translation>Road network</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Luetaan tieverkkoa…</source>
        <translation>Reading the road network…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Tieverkko: {0} solmua, {1} kaarta.</source>
        <translation>Road network: {0} nodes, {1} edges.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ruutujen kohdistus tieverkkoon: suurin etäisyys {0} m, keskimäärin {1} m; {2} ruutua ({3} hlö) yli {4} m päässä: ei reittiä.</source>
        <translation>Snapping of grid cells to the road network: largest distance {0} m, mean {1} m; {2} cells ({3} persons) further than {4} m: no route.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Osa luvuista on linnuntie-arvioita: etäisyys × kiertokerroin / nopeus.</source>
        <translation>Some figures are straight-line estimates: distance × detour factor / speed.</translation>
    </message>
</context>
<context>
    <name>WhatIfPanel</name>
    <message>
        <location filename="../../desktop/ui/widgets/what_if_panel.py" line="+41"/>
        <source>Toimipisteet (poista rasti = suljettu):</source>
        <extracomment>the what-if changed: evaluate the goals again a scenario was saved (its name)</extracomment>
        <translation>Sites (untick = closed):</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>x (m, ETRS-TM35FIN)</source>
        <translation>x (m, ETRS-TM35FIN)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>y (m)</source>
        <translation>y (m)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tyyppi</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Koko</source>
        <translation>Size</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+53"/>
        <source>Lisää toimipiste</source>
        <translation>Add site</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>Kartalla: paina &quot;Lisää toimipiste klikkaamalla&quot; ja napsauta paikkaa.</source>
        <translation>On the map: press &quot;Add a site by clicking&quot; and click the place.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Palauta nykyinen verkko</source>
        <translation>Restore the current network</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skenaario:</source>
        <translation>Scenario:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nimi</source>
        <translation>name</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tallenna</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Avaa</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+137"/>
        <source>Tavoite</source>
        <translation>Goal</translation>
    </message>
    <message>
        <location line="-134"/>
        <source>Skenaarioiden vertailu (kattavuus %):</source>
        <translation>Comparison of scenarios (coverage %):</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Anna koordinaatit metreinä (ETRS-TM35FIN), esim. x 435000 ja y 6900000.</source>
        <translation>Give the coordinates in metres (ETRS-TM35FIN), e.g. x 435000 and y 6900000.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Skenaario</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <location line="+59"/>
        <location line="+13"/>
        <source>UUSI: </source>
        <translation>NEW: </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Luvut laskettu: {0} toimipistettä suljettu, {1} lisätty.</source>
        <translation>Figures computed with {0} sites closed, {1} added.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Luvut ovat nykyisen verkon.</source>
        <translation>The figures are of the current network.</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <location filename="../../desktop/ui/window_menus.py" line="+23"/>
        <source>&amp;Tiedosto</source>
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
        <source>Avaa &amp;tiimin projekti…</source>
        <translation>Open &amp;team project…</translation>
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
        <source>Pseudonymisointi&amp;avaimet...</source>
        <translation>Pseudonymisation &amp;keys...</translation>
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
        <location line="+22"/>
        <source>&amp;Muokkaa</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Kumoa</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tee uudelleen</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>K&amp;opioi</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Ohje</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Käyttöopas</source>
        <translation>User &amp;guide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tietoja ohjelmasta...</source>
        <translation>&amp;About...</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>(tiimin projekti)</source>
        <translation>(team project)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(ei viimeisimpiä projekteja)</source>
        <translation>(no recent projects)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tyhjennä luettelo</source>
        <translation>Clear list</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Tällä sivulla ei ole kumottavaa.</source>
        <translation>Nothing to undo on this page.</translation>
    </message>
</context>
</TS>
