CREATE TABLE "resource_needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"priority" text DEFAULT 'medium' NOT NULL,
	"needed_from" date,
	"needed_to" date,
	"state" text DEFAULT 'active' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('russian', coalesce(title, '') || ' ' || coalesce(description, ''))) STORED NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"conditions" text DEFAULT 'free' NOT NULL,
	"mobility" text DEFAULT 'on_site' NOT NULL,
	"weekdays" smallint[] DEFAULT '{}'::smallint[] NOT NULL,
	"available_from" date,
	"available_to" date,
	"capacity" integer,
	"state" text DEFAULT 'active' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('russian', coalesce(title, '') || ' ' || coalesce(description, ''))) STORED NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_exchange_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"exchange_id" uuid NOT NULL,
	"action" text NOT NULL,
	"side" text NOT NULL,
	"actor_id" uuid,
	"message" text DEFAULT '' NOT NULL,
	"terms" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_exchanges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"offer_id" uuid NOT NULL,
	"need_id" uuid,
	"requester_organization_id" uuid NOT NULL,
	"provider_organization_id" uuid NOT NULL,
	"network_id" uuid,
	"state" text DEFAULT 'requested' NOT NULL,
	"awaiting" text,
	"conditions" text NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"terms" text DEFAULT '' NOT NULL,
	"agreement_document_id" uuid,
	"plan_item_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "network_documents" ADD COLUMN "party_organization_ids" uuid[];--> statement-breakpoint
ALTER TABLE "resource_needs" ADD CONSTRAINT "resource_needs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_needs" ADD CONSTRAINT "resource_needs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_offers" ADD CONSTRAINT "resource_offers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_offers" ADD CONSTRAINT "resource_offers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_exchange_events" ADD CONSTRAINT "resource_exchange_events_exchange_id_resource_exchanges_id_fk" FOREIGN KEY ("exchange_id") REFERENCES "public"."resource_exchanges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_exchange_events" ADD CONSTRAINT "resource_exchange_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_exchanges" ADD CONSTRAINT "resource_exchanges_offer_id_resource_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."resource_offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_exchanges" ADD CONSTRAINT "resource_exchanges_need_id_resource_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."resource_needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_exchanges" ADD CONSTRAINT "resource_exchanges_requester_organization_id_organizations_id_fk" FOREIGN KEY ("requester_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_exchanges" ADD CONSTRAINT "resource_exchanges_provider_organization_id_organizations_id_fk" FOREIGN KEY ("provider_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_exchanges" ADD CONSTRAINT "resource_exchanges_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_exchanges" ADD CONSTRAINT "resource_exchanges_agreement_document_id_network_documents_id_fk" FOREIGN KEY ("agreement_document_id") REFERENCES "public"."network_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_exchanges" ADD CONSTRAINT "resource_exchanges_plan_item_id_network_plan_items_id_fk" FOREIGN KEY ("plan_item_id") REFERENCES "public"."network_plan_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_exchanges" ADD CONSTRAINT "resource_exchanges_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resource_needs_organization_idx" ON "resource_needs" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "resource_needs_search_idx" ON "resource_needs" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "resource_offers_organization_idx" ON "resource_offers" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "resource_offers_search_idx" ON "resource_offers" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "resource_exchange_events_exchange_idx" ON "resource_exchange_events" USING btree ("exchange_id");--> statement-breakpoint
CREATE UNIQUE INDEX "resource_exchanges_live_key" ON "resource_exchanges" USING btree ("offer_id","requester_organization_id") WHERE state in ('requested', 'countered', 'accepted');--> statement-breakpoint
CREATE INDEX "resource_exchanges_requester_idx" ON "resource_exchanges" USING btree ("requester_organization_id");--> statement-breakpoint
CREATE INDEX "resource_exchanges_provider_idx" ON "resource_exchanges" USING btree ("provider_organization_id");--> statement-breakpoint
CREATE INDEX "resource_exchanges_network_idx" ON "resource_exchanges" USING btree ("network_id");