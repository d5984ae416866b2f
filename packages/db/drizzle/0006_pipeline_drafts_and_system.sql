CREATE TABLE `pipeline_drafts` (
	`pipeline_id` text PRIMARY KEY NOT NULL,
	`document` text NOT NULL,
	`base_version` integer NOT NULL,
	`problems` text NOT NULL,
	`saved_at` integer NOT NULL,
	FOREIGN KEY (`pipeline_id`) REFERENCES `pipelines`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `pipelines` ADD `is_system` integer DEFAULT false NOT NULL;