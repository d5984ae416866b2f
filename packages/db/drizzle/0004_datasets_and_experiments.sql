CREATE TABLE `dataset_rows` (
	`dataset_id` text NOT NULL,
	`version` integer NOT NULL,
	`row_index` integer NOT NULL,
	`data` text NOT NULL,
	PRIMARY KEY(`dataset_id`, `version`, `row_index`),
	FOREIGN KEY (`dataset_id`,`version`) REFERENCES `dataset_versions`(`dataset_id`,`version`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "dataset_rows_data_is_json_object" CHECK(json_type("dataset_rows"."data") = 'object')
);
--> statement-breakpoint
CREATE TABLE `dataset_versions` (
	`dataset_id` text NOT NULL,
	`version` integer NOT NULL,
	`format` text NOT NULL,
	`columns` text NOT NULL,
	`row_count` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`dataset_id`, `version`),
	FOREIGN KEY (`dataset_id`) REFERENCES `datasets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `datasets` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`latest_version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `experiment_events` (
	`experiment_id` text NOT NULL,
	`seq` integer NOT NULL,
	`ts` integer NOT NULL,
	`type` text NOT NULL,
	`data` text NOT NULL,
	PRIMARY KEY(`experiment_id`, `seq`),
	FOREIGN KEY (`experiment_id`) REFERENCES `experiments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `experiments` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`pipeline_id` text NOT NULL,
	`dataset_id` text NOT NULL,
	`dataset_version` integer NOT NULL,
	`arms_spec` text NOT NULL,
	`arms` text NOT NULL,
	`baseline` text NOT NULL,
	`repeats` integer NOT NULL,
	`concurrency` integer NOT NULL,
	`budget_usd` real,
	`scorers` text NOT NULL,
	`mapping` text NOT NULL,
	`status` text NOT NULL,
	`stop_reason` text,
	`total` integer NOT NULL,
	`started` integer DEFAULT 0 NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`cost_usd` real DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`updated_at` integer NOT NULL,
	`last_seq` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`pipeline_id`) REFERENCES `pipelines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dataset_id`,`dataset_version`) REFERENCES `dataset_versions`(`dataset_id`,`version`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `experiments_status_index` ON `experiments` (`status`);--> statement-breakpoint
CREATE INDEX `experiments_pipeline_index` ON `experiments` (`pipeline_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `experiments_dataset_index` ON `experiments` (`dataset_id`,`dataset_version`);--> statement-breakpoint
CREATE TABLE `run_feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` text NOT NULL,
	`score` real,
	`thumbs` text,
	`comment` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `run_feedback_run_index` ON `run_feedback` (`run_id`,`id`);--> statement-breakpoint
CREATE TABLE `trials` (
	`experiment_id` text NOT NULL,
	`row_index` integer NOT NULL,
	`arm` text NOT NULL,
	`repeat` integer NOT NULL,
	`ordinal` integer NOT NULL,
	`status` text NOT NULL,
	`run_id` text,
	`metrics` text,
	`cost_usd` real DEFAULT 0 NOT NULL,
	`error` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	PRIMARY KEY(`experiment_id`, `row_index`, `arm`, `repeat`),
	FOREIGN KEY (`experiment_id`) REFERENCES `experiments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `trials_queue_index` ON `trials` (`experiment_id`,`status`,`ordinal`);--> statement-breakpoint
CREATE INDEX `trials_run_index` ON `trials` (`run_id`);--> statement-breakpoint
ALTER TABLE `runs` ADD `overrides` text;--> statement-breakpoint
ALTER TABLE `runs` ADD `experiment_id` text;--> statement-breakpoint
ALTER TABLE `runs` ADD `metrics` text;--> statement-breakpoint
CREATE INDEX `runs_experiment_index` ON `runs` (`experiment_id`);