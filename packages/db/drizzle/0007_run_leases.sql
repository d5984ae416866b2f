ALTER TABLE `runs` ADD `lease_owner` text;--> statement-breakpoint
ALTER TABLE `runs` ADD `lease_expires_at` integer;--> statement-breakpoint
CREATE INDEX `runs_lease_index` ON `runs` (`lease_expires_at`) WHERE status IN ('queued', 'running');