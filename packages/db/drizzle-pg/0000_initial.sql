CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"scopes" jsonb NOT NULL,
	"limits" jsonb,
	"created_by" text,
	"created_at" bigint NOT NULL,
	"last_used_at" bigint,
	"revoked_at" bigint,
	CONSTRAINT "api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" bigint NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"target" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "blobs" (
	"hash" text PRIMARY KEY NOT NULL,
	"text" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cache_stats" (
	"kind" text PRIMARY KEY NOT NULL,
	"hits" integer DEFAULT 0 NOT NULL,
	"misses" integer DEFAULT 0 NOT NULL,
	"saved_input_tokens" bigint DEFAULT 0 NOT NULL,
	"saved_output_tokens" bigint DEFAULT 0 NOT NULL,
	"saved_cost_usd" double precision DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "completion_cache" (
	"key" text PRIMARY KEY NOT NULL,
	"text" text NOT NULL,
	"input_tokens" integer NOT NULL,
	"output_tokens" integer NOT NULL,
	"cost_usd" double precision DEFAULT 0 NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint,
	"hits" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dataset_rows" (
	"dataset_id" text NOT NULL,
	"version" integer NOT NULL,
	"row_index" integer NOT NULL,
	"data" jsonb NOT NULL,
	CONSTRAINT "dataset_rows_dataset_id_version_row_index_pk" PRIMARY KEY("dataset_id","version","row_index"),
	CONSTRAINT "dataset_rows_data_is_json_object" CHECK (jsonb_typeof("dataset_rows"."data") = 'object')
);
--> statement-breakpoint
CREATE TABLE "dataset_versions" (
	"dataset_id" text NOT NULL,
	"version" integer NOT NULL,
	"format" text NOT NULL,
	"columns" jsonb NOT NULL,
	"row_count" integer NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "dataset_versions_dataset_id_version_pk" PRIMARY KEY("dataset_id","version")
);
--> statement-breakpoint
CREATE TABLE "datasets" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"latest_version" integer NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "experiment_events" (
	"experiment_id" text NOT NULL,
	"seq" integer NOT NULL,
	"ts" bigint NOT NULL,
	"type" text NOT NULL,
	"data" jsonb NOT NULL,
	CONSTRAINT "experiment_events_experiment_id_seq_pk" PRIMARY KEY("experiment_id","seq")
);
--> statement-breakpoint
CREATE TABLE "experiments" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"pipeline_id" text NOT NULL,
	"dataset_id" text NOT NULL,
	"dataset_version" integer NOT NULL,
	"arms_spec" jsonb NOT NULL,
	"arms" jsonb NOT NULL,
	"baseline" text NOT NULL,
	"repeats" integer NOT NULL,
	"concurrency" integer NOT NULL,
	"budget_usd" double precision,
	"scorers" jsonb NOT NULL,
	"mapping" jsonb NOT NULL,
	"status" text NOT NULL,
	"stop_reason" text,
	"total" integer NOT NULL,
	"started" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"cost_usd" double precision DEFAULT 0 NOT NULL,
	"created_at" bigint NOT NULL,
	"started_at" bigint,
	"finished_at" bigint,
	"updated_at" bigint NOT NULL,
	"last_seq" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "model_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" bigint NOT NULL,
	"source" text NOT NULL,
	"route" text,
	"key_id" text,
	"model" text NOT NULL,
	"pipeline_id" text,
	"run_id" text,
	"status" integer NOT NULL,
	"error_code" text,
	"latency_ms" double precision NOT NULL,
	"first_token_ms" double precision,
	"input_tokens" integer DEFAULT 0 NOT NULL,
	"output_tokens" integer DEFAULT 0 NOT NULL,
	"cost_usd" double precision DEFAULT 0 NOT NULL,
	"cache" text
);
--> statement-breakpoint
CREATE TABLE "pipeline_drafts" (
	"pipeline_id" text PRIMARY KEY NOT NULL,
	"document" json NOT NULL,
	"base_version" integer NOT NULL,
	"problems" jsonb NOT NULL,
	"saved_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pipeline_versions" (
	"pipeline_id" text NOT NULL,
	"version" integer NOT NULL,
	"document" json NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "pipeline_versions_pipeline_id_version_pk" PRIMARY KEY("pipeline_id","version")
);
--> statement-breakpoint
CREATE TABLE "pipelines" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"latest_version" integer NOT NULL,
	"is_template" boolean DEFAULT false NOT NULL,
	"is_system" boolean DEFAULT false NOT NULL,
	"deleted_at" bigint,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_secrets" (
	"provider" text PRIMARY KEY NOT NULL,
	"sealed" text NOT NULL,
	"last4" text NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" bigint NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "run_events" (
	"run_id" text NOT NULL,
	"seq" integer NOT NULL,
	"ts" bigint NOT NULL,
	"type" text NOT NULL,
	"node_id" text,
	"attempt" integer,
	"data" json NOT NULL,
	CONSTRAINT "run_events_run_id_seq_pk" PRIMARY KEY("run_id","seq")
);
--> statement-breakpoint
CREATE TABLE "run_feedback" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"score" double precision,
	"thumbs" text,
	"comment" text,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"id" text PRIMARY KEY NOT NULL,
	"pipeline_id" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"inputs" json NOT NULL,
	"outputs" json NOT NULL,
	"error" json,
	"parent_run_id" text,
	"parent_node_id" text,
	"overrides" json,
	"experiment_id" text,
	"metrics" json,
	"started_at" bigint NOT NULL,
	"finished_at" bigint,
	"updated_at" bigint NOT NULL,
	"last_seq" integer DEFAULT 0 NOT NULL,
	"lease_owner" text,
	"lease_expires_at" bigint
);
--> statement-breakpoint
CREATE TABLE "semantic_cache" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"prompt" text NOT NULL,
	"embedding" "bytea" NOT NULL,
	"dimensions" integer NOT NULL,
	"text" text NOT NULL,
	"input_tokens" integer NOT NULL,
	"output_tokens" integer NOT NULL,
	"cost_usd" double precision DEFAULT 0 NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint,
	"hits" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" bigint NOT NULL,
	"last_seen_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"user_agent" text,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trials" (
	"experiment_id" text NOT NULL,
	"row_index" integer NOT NULL,
	"arm" text NOT NULL,
	"repeat" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"status" text NOT NULL,
	"run_id" text,
	"metrics" jsonb,
	"cost_usd" double precision DEFAULT 0 NOT NULL,
	"error" jsonb,
	"attempts" integer DEFAULT 0 NOT NULL,
	"started_at" bigint,
	"finished_at" bigint,
	CONSTRAINT "trials_experiment_id_row_index_arm_repeat_pk" PRIMARY KEY("experiment_id","row_index","arm","repeat")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "waitpoints" (
	"run_id" text NOT NULL,
	"node_id" text NOT NULL,
	"title" text NOT NULL,
	"instructions" text,
	"value" json,
	"created_at" bigint NOT NULL,
	"submitted_at" bigint,
	"decision" text,
	"submitted_value" json,
	CONSTRAINT "waitpoints_run_id_node_id_pk" PRIMARY KEY("run_id","node_id")
);
--> statement-breakpoint
ALTER TABLE "dataset_rows" ADD CONSTRAINT "dataset_rows_dataset_id_version_dataset_versions_dataset_id_version_fk" FOREIGN KEY ("dataset_id","version") REFERENCES "public"."dataset_versions"("dataset_id","version") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_versions" ADD CONSTRAINT "dataset_versions_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_events" ADD CONSTRAINT "experiment_events_experiment_id_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiments" ADD CONSTRAINT "experiments_pipeline_id_pipelines_id_fk" FOREIGN KEY ("pipeline_id") REFERENCES "public"."pipelines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiments" ADD CONSTRAINT "experiments_dataset_id_dataset_version_dataset_versions_dataset_id_version_fk" FOREIGN KEY ("dataset_id","dataset_version") REFERENCES "public"."dataset_versions"("dataset_id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_drafts" ADD CONSTRAINT "pipeline_drafts_pipeline_id_pipelines_id_fk" FOREIGN KEY ("pipeline_id") REFERENCES "public"."pipelines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_versions" ADD CONSTRAINT "pipeline_versions_pipeline_id_pipelines_id_fk" FOREIGN KEY ("pipeline_id") REFERENCES "public"."pipelines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_events" ADD CONSTRAINT "run_events_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_feedback" ADD CONSTRAINT "run_feedback_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_pipeline_id_version_pipeline_versions_pipeline_id_version_fk" FOREIGN KEY ("pipeline_id","version") REFERENCES "public"."pipeline_versions"("pipeline_id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_parent_run_id_runs_id_fk" FOREIGN KEY ("parent_run_id") REFERENCES "public"."runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trials" ADD CONSTRAINT "trials_experiment_id_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trials" ADD CONSTRAINT "trials_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitpoints" ADD CONSTRAINT "waitpoints_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_at_index" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "experiments_status_index" ON "experiments" USING btree ("status");--> statement-breakpoint
CREATE INDEX "experiments_pipeline_index" ON "experiments" USING btree ("pipeline_id","created_at");--> statement-breakpoint
CREATE INDEX "experiments_dataset_index" ON "experiments" USING btree ("dataset_id","dataset_version");--> statement-breakpoint
CREATE INDEX "model_requests_at_index" ON "model_requests" USING btree ("at");--> statement-breakpoint
CREATE INDEX "run_feedback_run_index" ON "run_feedback" USING btree ("run_id","id");--> statement-breakpoint
CREATE INDEX "runs_status_index" ON "runs" USING btree ("status");--> statement-breakpoint
CREATE INDEX "runs_pipeline_started_index" ON "runs" USING btree ("pipeline_id","started_at");--> statement-breakpoint
CREATE INDEX "runs_started_index" ON "runs" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "runs_experiment_index" ON "runs" USING btree ("experiment_id");--> statement-breakpoint
CREATE INDEX "runs_lease_index" ON "runs" USING btree ("lease_expires_at") WHERE status IN ('queued', 'running');--> statement-breakpoint
CREATE INDEX "semantic_cache_scope_index" ON "semantic_cache" USING btree ("scope","dimensions");--> statement-breakpoint
CREATE INDEX "sessions_user_index" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_index" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "trials_queue_index" ON "trials" USING btree ("experiment_id","status","ordinal");--> statement-breakpoint
CREATE INDEX "trials_run_index" ON "trials" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "waitpoints_open_index" ON "waitpoints" USING btree ("created_at") WHERE submitted_at IS NULL;