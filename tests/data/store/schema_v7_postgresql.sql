CREATE TABLE classification_allocation_rule (
	id SERIAL NOT NULL, 
	version_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	rule_key VARCHAR NOT NULL, 
	service_code VARCHAR NOT NULL, 
	enabled BOOLEAN NOT NULL, 
	note TEXT NOT NULL, 
	conditions_json TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(version_id) REFERENCES classification_version (id) ON DELETE CASCADE
);

CREATE INDEX ix_classification_allocation_rule_version_id ON classification_allocation_rule (version_id);

CREATE TABLE classification_aura_class (
	id SERIAL NOT NULL, 
	version_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	code VARCHAR NOT NULL, 
	name TEXT NOT NULL, 
	group_name TEXT NOT NULL, 
	description TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(version_id) REFERENCES classification_version (id) ON DELETE CASCADE
);

CREATE INDEX ix_classification_aura_class_version_id ON classification_aura_class (version_id);

CREATE TABLE classification_level_rule (
	id SERIAL NOT NULL, 
	version_id INTEGER NOT NULL, 
	service_code VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	rule_key VARCHAR NOT NULL, 
	level VARCHAR NOT NULL, 
	note TEXT NOT NULL, 
	conditions_json TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(version_id) REFERENCES classification_version (id) ON DELETE CASCADE
);

CREATE INDEX ix_classification_level_rule_version_id ON classification_level_rule (version_id);

CREATE TABLE classification_resource_rule (
	id SERIAL NOT NULL, 
	version_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	rule_key VARCHAR NOT NULL, 
	basis VARCHAR NOT NULL, 
	key TEXT NOT NULL, 
	groups_json TEXT NOT NULL, 
	shares_json TEXT NOT NULL, 
	enabled BOOLEAN NOT NULL, 
	note TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(version_id) REFERENCES classification_version (id) ON DELETE CASCADE
);

CREATE INDEX ix_classification_resource_rule_version_id ON classification_resource_rule (version_id);

CREATE TABLE classification_service (
	id SERIAL NOT NULL, 
	version_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	code VARCHAR NOT NULL, 
	name TEXT NOT NULL, 
	aura_code VARCHAR NOT NULL, 
	structure VARCHAR NOT NULL, 
	level VARCHAR NOT NULL, 
	allocation VARCHAR NOT NULL, 
	law TEXT NOT NULL, 
	description TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(version_id) REFERENCES classification_version (id) ON DELETE CASCADE
);

CREATE INDEX ix_classification_service_version_id ON classification_service (version_id);

CREATE TABLE classification_version (
	id SERIAL NOT NULL, 
	valid_from INTEGER NOT NULL, 
	name TEXT NOT NULL, 
	note TEXT NOT NULL, 
	updated_at VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (valid_from)
);

CREATE TABLE column_chunk (
	id SERIAL NOT NULL, 
	dataset VARCHAR NOT NULL, 
	batch_id INTEGER NOT NULL, 
	chunk_no INTEGER NOT NULL, 
	"column" VARCHAR NOT NULL, 
	dtype VARCHAR NOT NULL, 
	nrows INTEGER NOT NULL, 
	data BYTEA NOT NULL, 
	year_min INTEGER, 
	year_max INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(batch_id) REFERENCES import_batch (id) ON DELETE CASCADE
);

CREATE INDEX ix_column_chunk_dataset ON column_chunk (dataset, "column", batch_id, chunk_no);

CREATE TABLE dataset_column (
	dataset VARCHAR NOT NULL, 
	"column" VARCHAR NOT NULL, 
	kind VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (dataset, "column")
);

CREATE TABLE dictionary (
	dataset VARCHAR NOT NULL, 
	"column" VARCHAR NOT NULL, 
	code INTEGER NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY (dataset, "column", code)
);

CREATE TABLE edit_version (
	area VARCHAR NOT NULL, 
	version INTEGER NOT NULL, 
	saved_at VARCHAR NOT NULL, 
	saved_by TEXT NOT NULL, 
	PRIMARY KEY (area)
);

CREATE TABLE finance (
	id SERIAL NOT NULL, 
	batch_id INTEGER NOT NULL, 
	aura_code VARCHAR, 
	aura_name TEXT, 
	year INTEGER NOT NULL, 
	cost_eur FLOAT NOT NULL, 
	producer VARCHAR, 
	cost_centre TEXT, 
	PRIMARY KEY (id), 
	FOREIGN KEY(batch_id) REFERENCES import_batch (id) ON DELETE CASCADE
);

CREATE INDEX ix_finance_batch_id ON finance (batch_id);

CREATE TABLE import_batch (
	id SERIAL NOT NULL, 
	kind VARCHAR NOT NULL, 
	file_name TEXT NOT NULL, 
	file_size BIGINT NOT NULL, 
	sha256 VARCHAR NOT NULL, 
	row_count INTEGER NOT NULL, 
	rejected_count INTEGER NOT NULL, 
	imported_at VARCHAR NOT NULL, 
	app_version VARCHAR NOT NULL, 
	mode VARCHAR, 
	report_json TEXT NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE import_profile (
	name VARCHAR NOT NULL, 
	kind VARCHAR NOT NULL, 
	mapping_json TEXT NOT NULL, 
	options_json TEXT NOT NULL, 
	PRIMARY KEY (name)
);

CREATE TABLE measure (
	id SERIAL NOT NULL, 
	goal_id INTEGER NOT NULL, 
	area_id INTEGER NOT NULL, 
	name TEXT NOT NULL, 
	responsible TEXT NOT NULL, 
	notes TEXT NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(goal_id) REFERENCES measure_goal (id) ON DELETE CASCADE, 
	FOREIGN KEY(area_id) REFERENCES measure_area (id) ON DELETE CASCADE
);

CREATE INDEX ix_measure_area_id ON measure (area_id);

CREATE INDEX ix_measure_goal_id ON measure (goal_id);

CREATE TABLE measure_area (
	id SERIAL NOT NULL, 
	name TEXT NOT NULL, 
	notes TEXT NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE measure_goal (
	id SERIAL NOT NULL, 
	name TEXT NOT NULL, 
	notes TEXT NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE measure_indicator (
	measure_id INTEGER NOT NULL, 
	provider VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (measure_id, provider), 
	FOREIGN KEY(measure_id) REFERENCES measure (id) ON DELETE CASCADE
);

CREATE TABLE measure_month (
	month VARCHAR NOT NULL, 
	PRIMARY KEY (month)
);

CREATE TABLE measure_rating (
	measure_id INTEGER NOT NULL, 
	month VARCHAR NOT NULL, 
	rating INTEGER NOT NULL, 
	PRIMARY KEY (measure_id, month), 
	CONSTRAINT ck_measure_rating_scale CHECK (rating BETWEEN 1 AND 5), 
	FOREIGN KEY(measure_id) REFERENCES measure (id) ON DELETE CASCADE
);

CREATE TABLE meta (
	key VARCHAR NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY (key)
);

CREATE TABLE municipality (
	code VARCHAR NOT NULL, 
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
	id SERIAL NOT NULL, 
	batch_id INTEGER NOT NULL, 
	municipality VARCHAR NOT NULL, 
	year INTEGER NOT NULL, 
	age_from INTEGER NOT NULL, 
	age_to INTEGER NOT NULL, 
	sex VARCHAR NOT NULL, 
	count FLOAT NOT NULL, 
	forecast INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(batch_id) REFERENCES import_batch (id) ON DELETE CASCADE
);

CREATE INDEX ix_population_batch_id ON population (batch_id);

CREATE TABLE reach_goal (
	id SERIAL NOT NULL, 
	name TEXT NOT NULL, 
	site_types_json TEXT NOT NULL, 
	sizes_json TEXT NOT NULL, 
	population_column VARCHAR NOT NULL, 
	minutes FLOAT NOT NULL, 
	target_pct FLOAT NOT NULL, 
	mode VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	note TEXT NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (name)
);

CREATE TABLE reach_scenario (
	id SERIAL NOT NULL, 
	name TEXT NOT NULL, 
	created_at VARCHAR NOT NULL, 
	closed_json TEXT NOT NULL, 
	added_json TEXT NOT NULL, 
	note TEXT NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (name)
);

CREATE TABLE road_network (
	id SERIAL NOT NULL, 
	name TEXT NOT NULL, 
	file_name TEXT NOT NULL, 
	created_at VARCHAR NOT NULL, 
	mode VARCHAR NOT NULL, 
	node_count INTEGER NOT NULL, 
	edge_count INTEGER NOT NULL, 
	report_json TEXT NOT NULL, 
	data BYTEA NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE segment (
	id SERIAL NOT NULL, 
	name VARCHAR NOT NULL, 
	name_en VARCHAR NOT NULL, 
	kind VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	condition_json TEXT NOT NULL, 
	description TEXT NOT NULL, 
	active BOOLEAN NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (name)
);

CREATE TABLE setting (
	key VARCHAR NOT NULL, 
	value_json TEXT NOT NULL, 
	PRIMARY KEY (key)
);

CREATE TABLE site (
	id SERIAL NOT NULL, 
	batch_id INTEGER, 
	site_id VARCHAR NOT NULL, 
	name TEXT NOT NULL, 
	type VARCHAR NOT NULL, 
	size VARCHAR NOT NULL, 
	x FLOAT NOT NULL, 
	y FLOAT NOT NULL, 
	municipality VARCHAR, 
	capacity FLOAT, 
	PRIMARY KEY (id), 
	FOREIGN KEY(batch_id) REFERENCES import_batch (id) ON DELETE CASCADE
);

CREATE INDEX ix_site_batch_id ON site (batch_id);

CREATE TABLE staff (
	id SERIAL NOT NULL, 
	batch_id INTEGER NOT NULL, 
	cost_centre TEXT NOT NULL, 
	professional_group TEXT NOT NULL, 
	year INTEGER NOT NULL, 
	month INTEGER, 
	fte FLOAT NOT NULL, 
	wages_eur FLOAT, 
	employees FLOAT, 
	PRIMARY KEY (id), 
	FOREIGN KEY(batch_id) REFERENCES import_batch (id) ON DELETE CASCADE
);

CREATE INDEX ix_staff_batch_id ON staff (batch_id);

CREATE TABLE traffic_light_target (
	id SERIAL NOT NULL, 
	segment VARCHAR NOT NULL, 
	year INTEGER NOT NULL, 
	level VARCHAR NOT NULL, 
	measure VARCHAR NOT NULL, 
	share FLOAT NOT NULL, 
	at_least BOOLEAN NOT NULL, 
	note TEXT NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_target UNIQUE (segment, year, level, measure)
);
