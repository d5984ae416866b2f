DROP TABLE `step_results`;--> statement-breakpoint
ALTER TABLE `runs` DROP COLUMN `lease_expires_at`;