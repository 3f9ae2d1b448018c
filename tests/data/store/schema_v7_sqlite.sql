-- index ix_classification_allocation_rule_version_id on classification_allocation_rule
CREATE INDEX ix_classification_allocation_rule_version_id ON classification_allocation_rule (version_id);

-- index ix_classification_aura_class_version_id on classification_aura_class
CREATE INDEX ix_classification_aura_class_version_id ON classification_aura_class (version_id);

-- index ix_classification_level_rule_version_id on classification_level_rule
CREATE INDEX ix_classification_level_rule_version_id ON classification_level_rule (version_id);

-- index ix_classification_resource_rule_version_id on classification_resource_rule
CREATE INDEX ix_classification_resource_rule_version_id ON classification_resource_rule (version_id);

-- index ix_classification_service_version_id on classification_service
CREATE INDEX ix_classification_service_version_id ON classification_service (version_id);

-- index ix_column_chunk_dataset on column_chunk
CREATE INDEX ix_column_chunk_dataset ON column_chunk (dataset, "column", batch_id, chunk_no);

-- index ix_finance_batch_id on finance
CREATE INDEX ix_finance_batch_id ON finance (batch_id);

-- index ix_measure_area_id on measure
CREATE INDEX ix_measure_area_id ON measure (area_id);

-- index ix_measure_goal_id on measure
CREATE INDEX ix_measure_goal_id ON measure (goal_id);

-- index ix_population_batch_id on population
CREATE INDEX ix_population_batch_id ON population (batch_id);

-- index ix_site_batch_id on site
CREATE INDEX ix_site_batch_id ON site (batch_id);

-- index ix_staff_batch_id on staff
CREATE INDEX ix_staff_batch_id ON staff (batch_id);

-- index sqlite_autoindex_classification_version_1 on classification_version
(automatic);

-- index sqlite_autoindex_dataset_column_1 on dataset_column
(automatic);

-- index sqlite_autoindex_edit_version_1 on edit_version
(automatic);

-- index sqlite_autoindex_import_profile_1 on import_profile
(automatic);

-- index sqlite_autoindex_measure_indicator_1 on measure_indicator
(automatic);

-- index sqlite_autoindex_measure_month_1 on measure_month
(automatic);

-- index sqlite_autoindex_measure_rating_1 on measure_rating
(automatic);

-- index sqlite_autoindex_meta_1 on meta
(automatic);

-- index sqlite_autoindex_municipality_1 on municipality
(automatic);

-- index sqlite_autoindex_reach_goal_1 on reach_goal
(automatic);

-- index sqlite_autoindex_reach_scenario_1 on reach_scenario
(automatic);

-- index sqlite_autoindex_segment_1 on segment
(automatic);

-- index sqlite_autoindex_setting_1 on setting
(automatic);

-- index sqlite_autoindex_traffic_light_target_1 on traffic_light_target
(automatic);

-- table classification_allocation_rule on classification_allocation_rule
CREATE TABLE classification_allocation_rule (
	id INTEGER NOT NULL, 
	version_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	rule_key VARCHAR(64) NOT NULL, 
	service_code VARCHAR(64) NOT NULL, 
	enabled BOOLEAN NOT NULL, 
	note TEXT NOT NULL, 
	conditions_json TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(version_id) REFERENCES classification_version (id) ON DELETE CASCADE
);

-- table classification_aura_class on classification_aura_class
CREATE TABLE classification_aura_class (
	id INTEGER NOT NULL, 
	version_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	code VARCHAR(32) NOT NULL, 
	name TEXT NOT NULL, 
	group_name TEXT NOT NULL, 
	description TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(version_id) REFERENCES classification_version (id) ON DELETE CASCADE
);

-- table classification_level_rule on classification_level_rule
CREATE TABLE classification_level_rule (
	id INTEGER NOT NULL, 
	version_id INTEGER NOT NULL, 
	service_code VARCHAR(64) NOT NULL, 
	position INTEGER NOT NULL, 
	rule_key VARCHAR(64) NOT NULL, 
	level VARCHAR(16) NOT NULL, 
	note TEXT NOT NULL, 
	conditions_json TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(version_id) REFERENCES classification_version (id) ON DELETE CASCADE
);

-- table classification_resource_rule on classification_resource_rule
CREATE TABLE classification_resource_rule (
	id INTEGER NOT NULL, 
	version_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	rule_key VARCHAR(64) NOT NULL, 
	basis VARCHAR(16) NOT NULL, 
	"key" TEXT NOT NULL, 
	groups_json TEXT NOT NULL, 
	shares_json TEXT NOT NULL, 
	enabled BOOLEAN NOT NULL, 
	note TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(version_id) REFERENCES classification_version (id) ON DELETE CASCADE
);

-- table classification_service on classification_service
CREATE TABLE classification_service (
	id INTEGER NOT NULL, 
	version_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	code VARCHAR(64) NOT NULL, 
	name TEXT NOT NULL, 
	aura_code VARCHAR(32) NOT NULL, 
	structure VARCHAR(16) NOT NULL, 
	level VARCHAR(16) NOT NULL, 
	allocation VARCHAR(16) NOT NULL, 
	law TEXT NOT NULL, 
	description TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(version_id) REFERENCES classification_version (id) ON DELETE CASCADE
);

-- table classification_version on classification_version
CREATE TABLE classification_version (
	id INTEGER NOT NULL, 
	valid_from INTEGER NOT NULL, 
	name TEXT NOT NULL, 
	note TEXT NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (valid_from)
);

-- table column_chunk on column_chunk
CREATE TABLE column_chunk (
	id INTEGER NOT NULL, 
	dataset VARCHAR(32) NOT NULL, 
	batch_id INTEGER NOT NULL, 
	chunk_no INTEGER NOT NULL, 
	"column" VARCHAR(64) NOT NULL, 
	dtype VARCHAR(16) NOT NULL, 
	nrows INTEGER NOT NULL, 
	data BLOB NOT NULL, 
	year_min INTEGER, 
	year_max INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(batch_id) REFERENCES import_batch (id) ON DELETE CASCADE
);

-- table dataset_column on dataset_column
CREATE TABLE dataset_column (
	dataset VARCHAR(32) NOT NULL, 
	"column" VARCHAR(64) NOT NULL, 
	kind VARCHAR(8) NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (dataset, "column")
);

-- table dictionary on dictionary
CREATE TABLE dictionary (
	dataset VARCHAR(32) NOT NULL, 
	"column" VARCHAR(64) NOT NULL, 
	code INTEGER NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY (dataset, "column", code)
)
 WITHOUT ROWID;

-- table edit_version on edit_version
CREATE TABLE edit_version (
	area VARCHAR(32) NOT NULL, 
	version INTEGER NOT NULL, 
	saved_at VARCHAR(32) NOT NULL, 
	saved_by TEXT NOT NULL, 
	PRIMARY KEY (area)
);

-- table finance on finance
CREATE TABLE finance (
	id INTEGER NOT NULL, 
	batch_id INTEGER NOT NULL, 
	aura_code VARCHAR(16), 
	aura_name TEXT, 
	year INTEGER NOT NULL, 
	cost_eur FLOAT NOT NULL, 
	producer VARCHAR(32), 
	cost_centre TEXT, 
	PRIMARY KEY (id), 
	FOREIGN KEY(batch_id) REFERENCES import_batch (id) ON DELETE CASCADE
);

-- table import_batch on import_batch
CREATE TABLE import_batch (
	id INTEGER NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	file_name TEXT NOT NULL, 
	file_size BIGINT NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	row_count INTEGER NOT NULL, 
	rejected_count INTEGER NOT NULL, 
	imported_at VARCHAR(32) NOT NULL, 
	app_version VARCHAR(32) NOT NULL, 
	mode VARCHAR(32), 
	report_json TEXT NOT NULL, 
	PRIMARY KEY (id)
);

-- table import_profile on import_profile
CREATE TABLE import_profile (
	name VARCHAR(128) NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	mapping_json TEXT NOT NULL, 
	options_json TEXT NOT NULL, 
	PRIMARY KEY (name)
);

-- table measure on measure
CREATE TABLE measure (
	id INTEGER NOT NULL, 
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

-- table measure_area on measure_area
CREATE TABLE measure_area (
	id INTEGER NOT NULL, 
	name TEXT NOT NULL, 
	notes TEXT NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (id)
);

-- table measure_goal on measure_goal
CREATE TABLE measure_goal (
	id INTEGER NOT NULL, 
	name TEXT NOT NULL, 
	notes TEXT NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (id)
);

-- table measure_indicator on measure_indicator
CREATE TABLE measure_indicator (
	measure_id INTEGER NOT NULL, 
	provider VARCHAR(200) NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (measure_id, provider), 
	FOREIGN KEY(measure_id) REFERENCES measure (id) ON DELETE CASCADE
);

-- table measure_month on measure_month
CREATE TABLE measure_month (
	month VARCHAR(7) NOT NULL, 
	PRIMARY KEY (month)
);

-- table measure_rating on measure_rating
CREATE TABLE measure_rating (
	measure_id INTEGER NOT NULL, 
	month VARCHAR(7) NOT NULL, 
	rating INTEGER NOT NULL, 
	PRIMARY KEY (measure_id, month), 
	CONSTRAINT ck_measure_rating_scale CHECK (rating BETWEEN 1 AND 5), 
	FOREIGN KEY(measure_id) REFERENCES measure (id) ON DELETE CASCADE
);

-- table meta on meta
CREATE TABLE meta (
	"key" VARCHAR(64) NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY ("key")
);

-- table municipality on municipality
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

-- table population on population
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

-- table reach_goal on reach_goal
CREATE TABLE reach_goal (
	id INTEGER NOT NULL, 
	name TEXT NOT NULL, 
	site_types_json TEXT NOT NULL, 
	sizes_json TEXT NOT NULL, 
	population_column VARCHAR(64) NOT NULL, 
	minutes FLOAT NOT NULL, 
	target_pct FLOAT NOT NULL, 
	mode VARCHAR(32) NOT NULL, 
	position INTEGER NOT NULL, 
	note TEXT NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (name)
);

-- table reach_scenario on reach_scenario
CREATE TABLE reach_scenario (
	id INTEGER NOT NULL, 
	name TEXT NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	closed_json TEXT NOT NULL, 
	added_json TEXT NOT NULL, 
	note TEXT NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (name)
);

-- table road_network on road_network
CREATE TABLE road_network (
	id INTEGER NOT NULL, 
	name TEXT NOT NULL, 
	file_name TEXT NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	mode VARCHAR(32) NOT NULL, 
	node_count INTEGER NOT NULL, 
	edge_count INTEGER NOT NULL, 
	report_json TEXT NOT NULL, 
	data BLOB NOT NULL, 
	PRIMARY KEY (id)
);

-- table segment on segment
CREATE TABLE segment (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	name_en VARCHAR(200) NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	position INTEGER NOT NULL, 
	condition_json TEXT NOT NULL, 
	description TEXT NOT NULL, 
	active BOOLEAN NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (name)
);

-- table setting on setting
CREATE TABLE setting (
	"key" VARCHAR(128) NOT NULL, 
	value_json TEXT NOT NULL, 
	PRIMARY KEY ("key")
);

-- table site on site
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
	capacity FLOAT, 
	PRIMARY KEY (id), 
	FOREIGN KEY(batch_id) REFERENCES import_batch (id) ON DELETE CASCADE
);

-- table staff on staff
CREATE TABLE staff (
	id INTEGER NOT NULL, 
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

-- table traffic_light_target on traffic_light_target
CREATE TABLE traffic_light_target (
	id INTEGER NOT NULL, 
	segment VARCHAR(200) NOT NULL, 
	year INTEGER NOT NULL, 
	level VARCHAR(16) NOT NULL, 
	measure VARCHAR(16) NOT NULL, 
	share FLOAT NOT NULL, 
	at_least BOOLEAN NOT NULL, 
	note TEXT NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_target UNIQUE (segment, year, level, measure)
);

