CREATE TABLE `cache_stats` (
	`kind` text PRIMARY KEY NOT NULL,
	`hits` integer DEFAULT 0 NOT NULL,
	`misses` integer DEFAULT 0 NOT NULL,
	`saved_input_tokens` integer DEFAULT 0 NOT NULL,
	`saved_output_tokens` integer DEFAULT 0 NOT NULL,
	`saved_cost_usd` real DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `model_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`source` text NOT NULL,
	`route` text,
	`key_id` text,
	`model` text NOT NULL,
	`pipeline_id` text,
	`run_id` text,
	`status` integer NOT NULL,
	`error_code` text,
	`latency_ms` real NOT NULL,
	`first_token_ms` real,
	`input_tokens` integer DEFAULT 0 NOT NULL,
	`output_tokens` integer DEFAULT 0 NOT NULL,
	`cost_usd` real DEFAULT 0 NOT NULL,
	`cache` text
);
--> statement-breakpoint
CREATE INDEX `model_requests_at_index` ON `model_requests` (`at`);--> statement-breakpoint
CREATE TABLE `provider_secrets` (
	`provider` text PRIMARY KEY NOT NULL,
	`sealed` text NOT NULL,
	`last4` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `semantic_cache` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scope` text NOT NULL,
	`prompt` text NOT NULL,
	`embedding` blob NOT NULL,
	`dimensions` integer NOT NULL,
	`text` text NOT NULL,
	`input_tokens` integer NOT NULL,
	`output_tokens` integer NOT NULL,
	`cost_usd` real DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`hits` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `semantic_cache_scope_index` ON `semantic_cache` (`scope`,`dimensions`);--> statement-breakpoint
ALTER TABLE `completion_cache` ADD `cost_usd` real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `completion_cache` ADD `expires_at` integer;