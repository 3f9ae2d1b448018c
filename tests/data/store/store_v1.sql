-- A store as written by schema version 1 (app 0.0.9): import_batch without report_json/app_version.
BEGIN TRANSACTION;
CREATE TABLE column_chunk (
	id INTEGER NOT NULL, 
	dataset VARCHAR(32) NOT NULL, 
	batch_id INTEGER NOT NULL, 
	chunk_no INTEGER NOT NULL, 
	"column" VARCHAR(64) NOT NULL, 
	dtype VARCHAR(16) NOT NULL, 
	nrows INTEGER NOT NULL, 
	data BLOB NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(batch_id) REFERENCES import_batch (id) ON DELETE CASCADE
);
INSERT INTO "column_chunk" VALUES(1,'events',1,0,'sex','|i1',3,X'28B52FFD2003190000000101');
INSERT INTO "column_chunk" VALUES(2,'events',1,0,'cost_eur','<f8',3,X'28B52FFD2018C1000000000000008049400000000000405F400000000000803D40');
CREATE TABLE dataset_column (
	dataset VARCHAR(32) NOT NULL, 
	"column" VARCHAR(64) NOT NULL, 
	kind VARCHAR(8) NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (dataset, "column")
);
INSERT INTO "dataset_column" VALUES('events','sex','dict',0);
INSERT INTO "dataset_column" VALUES('events','cost_eur','num',1);
CREATE TABLE dictionary (
	dataset VARCHAR(32) NOT NULL, 
	"column" VARCHAR(64) NOT NULL, 
	code INTEGER NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY (dataset, "column", code), 
	CONSTRAINT uq_dictionary_value UNIQUE (dataset, "column", value)
);
INSERT INTO "dictionary" VALUES('events','sex',0,'1');
INSERT INTO "dictionary" VALUES('events','sex',1,'2');
CREATE TABLE finance (
	id INTEGER NOT NULL, 
	batch_id INTEGER NOT NULL, 
	aura_code VARCHAR(16), 
	aura_name TEXT, 
	year INTEGER NOT NULL, 
	cost_eur FLOAT NOT NULL, 
	producer VARCHAR(32), 
	PRIMARY KEY (id), 
	FOREIGN KEY(batch_id) REFERENCES import_batch (id) ON DELETE CASCADE
);
CREATE TABLE import_batch (
	id INTEGER NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	file_name TEXT NOT NULL, 
	file_size INTEGER NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	row_count INTEGER NOT NULL, 
	rejected_count INTEGER NOT NULL, 
	imported_at VARCHAR(32) NOT NULL, 
	mode VARCHAR(32), 
	PRIMARY KEY (id)
);
INSERT INTO "import_batch" VALUES(1,'events','kaynnit_2023.csv',120,'abababababababababababababababababababababababababababababababab',3,0,'2026-11-23T15:06:53+00:00',NULL);
CREATE TABLE import_profile (
	name VARCHAR(128) NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	mapping_json TEXT NOT NULL, 
	options_json TEXT NOT NULL, 
	PRIMARY KEY (name)
);
CREATE TABLE meta (
	"key" VARCHAR(64) NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY ("key")
);
INSERT INTO "meta" VALUES('schema_version','1');
INSERT INTO "meta" VALUES('store_id','8ace143ba8a649aa85de708f029c3c98');
INSERT INTO "meta" VALUES('pseudonym_secret','72475ad6c5b18e0a540eba65d24ea9ad40099797816efd73b26d496526f7d16f');
INSERT INTO "meta" VALUES('created_at','2026-11-23T15:06:53+00:00');
INSERT INTO "meta" VALUES('app_version','0.0.9');
CREATE TABLE municipality (
	code VARCHAR(3) NOT NULL, 
	name TEXT NOT NULL, 
	name_sv TEXT, 
	centre_name TEXT, 
	lat FLOAT, 
	lon FLOAT, 
	x FLOAT, 
	y FLOAT, 
	population INTEGER, 
	PRIMARY KEY (code)
);
CREATE TABLE population (
	id INTEGER NOT NULL, 
	batch_id INTEGER NOT NULL, 
	municipality VARCHAR(3) NOT NULL, 
	year INTEGER NOT NULL, 
	age_from INTEGER NOT NULL, 
	age_to INTEGER NOT NULL, 
	sex VARCHAR(1) NOT NULL, 
	count FLOAT NOT NULL, 
	forecast INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(batch_id) REFERENCES import_batch (id) ON DELETE CASCADE
);
CREATE TABLE setting (
	"key" VARCHAR(128) NOT NULL, 
	value_json TEXT NOT NULL, 
	PRIMARY KEY ("key")
);
CREATE TABLE site (
	id INTEGER NOT NULL, 
	batch_id INTEGER, 
	site_id VARCHAR(64) NOT NULL, 
	name TEXT NOT NULL, 
	type VARCHAR(64) NOT NULL, 
	size VARCHAR(8) NOT NULL, 
	x FLOAT NOT NULL, 
	y FLOAT NOT NULL, 
	municipality VARCHAR(3), 
	PRIMARY KEY (id), 
	FOREIGN KEY(batch_id) REFERENCES import_batch (id) ON DELETE CASCADE
);
CREATE INDEX ix_column_chunk_dataset ON column_chunk (dataset, "column", batch_id, chunk_no);
CREATE INDEX ix_population_batch_id ON population (batch_id);
CREATE INDEX ix_site_batch_id ON site (batch_id);
CREATE INDEX ix_finance_batch_id ON finance (batch_id);
COMMIT;
