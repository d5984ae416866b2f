CREATE TABLE `completion_cache` (
	`key` text PRIMARY KEY NOT NULL,
	`text` text NOT NULL,
	`input_tokens` integer NOT NULL,
	`output_tokens` integer NOT NULL,
	`created_at` integer NOT NULL,
	`hits` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `pipeline_versions` (
	`pipeline_id` text NOT NULL,
	`version` integer NOT NULL,
	`document` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`pipeline_id`, `version`),
	FOREIGN KEY (`pipeline_id`) REFERENCES `pipelines`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `pipelines` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`latest_version` integer NOT NULL,
	`is_template` integer DEFAULT false NOT NULL,
	`deleted_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `run_events` (
	`run_id` text NOT NULL,
	`seq` integer NOT NULL,
	`ts` integer NOT NULL,
	`type` text NOT NULL,
	`node_id` text,
	`attempt` integer,
	`data` text NOT NULL,
	PRIMARY KEY(`run_id`, `seq`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `runs` (
	`id` text PRIMARY KEY NOT NULL,
	`pipeline_id` text NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`inputs` text NOT NULL,
	`outputs` text NOT NULL,
	`error` text,
	`parent_run_id` text,
	`parent_node_id` text,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`updated_at` integer NOT NULL,
	`last_seq` integer DEFAULT 0 NOT NULL,
	`lease_expires_at` integer,
	FOREIGN KEY (`pipeline_id`,`version`) REFERENCES `pipeline_versions`(`pipeline_id`,`version`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`parent_run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `runs_status_index` ON `runs` (`status`);--> statement-breakpoint
CREATE INDEX `runs_pipeline_started_index` ON `runs` (`pipeline_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `runs_started_index` ON `runs` (`started_at`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `step_results` (
	`run_id` text NOT NULL,
	`node_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`status` text NOT NULL,
	`output` text,
	`error` text,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	PRIMARY KEY(`run_id`, `node_id`, `attempt`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `waitpoints` (
	`run_id` text NOT NULL,
	`node_id` text NOT NULL,
	`title` text NOT NULL,
	`instructions` text,
	`value` text,
	`created_at` integer NOT NULL,
	`submitted_at` integer,
	`decision` text,
	`submitted_value` text,
	PRIMARY KEY(`run_id`, `node_id`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `waitpoints_open_index` ON `waitpoints` (`created_at`) WHERE submitted_at IS NULL;