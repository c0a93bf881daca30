using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ogi.SecrecyReview.Persistence.Migrations;

/// <summary>Items, their reviews, recorded releases and violations (SR-1 … SR-10).</summary>
[DbContext(typeof(SecrecyReviewDbContext))]
[Migration("20261121010000_Reviews")]
public sealed class Reviews : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        CREATE TABLE secrecy_review.items (
            id text PRIMARY KEY,
            agency_code text NOT NULL,
            source text NOT NULL,
            application_id text NULL,
            document_id text NULL,
            request_key text NULL,
            submitted_by text NOT NULL,
            submitted_at timestamptz NOT NULL,
            item jsonb NOT NULL
        );
        -- SR-1: intake asks once per document; a redelivered or repeated request finds the same item.
        CREATE UNIQUE INDEX ix_items_application_document ON secrecy_review.items (application_id, document_id)
            WHERE application_id IS NOT NULL;
        CREATE UNIQUE INDEX ix_items_request_key ON secrecy_review.items (request_key) WHERE request_key IS NOT NULL;

        CREATE TABLE secrecy_review.reviews (
            id text PRIMARY KEY,
            item_id text NOT NULL REFERENCES secrecy_review.items (id),
            agency_code text NOT NULL,
            status text NOT NULL,
            reviewer text NULL,
            approving_leader text NULL,
            due_on date NULL,
            prior_review_id text NULL,
            consent_request_id text NULL,
            submitted_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL,
            commands jsonb NOT NULL,
            version integer NOT NULL
        );
        CREATE INDEX ix_reviews_item ON secrecy_review.reviews (item_id, submitted_at);
        -- Queues: an agency's open reviews by due date.
        CREATE INDEX ix_reviews_agency_open ON secrecy_review.reviews (agency_code, due_on)
            WHERE status NOT IN ('Concluded', 'Superseded');
        -- SR-8: coordination answers the request it was sent.
        CREATE INDEX ix_reviews_consent_request ON secrecy_review.reviews (consent_request_id) WHERE consent_request_id IS NOT NULL;

        CREATE TABLE secrecy_review.releases (
            id uuid PRIMARY KEY,
            item_id text NOT NULL,
            agency_code text NOT NULL,
            review_id text NULL,
            reviewed boolean NOT NULL,
            released_on date NOT NULL,
            released_text_sha256 text NOT NULL,
            recorded_by text NOT NULL,
            within_period boolean NULL,
            recorded_at timestamptz NOT NULL
        );
        CREATE INDEX ix_releases_item ON secrecy_review.releases (item_id, recorded_at);

        CREATE TABLE secrecy_review.violations (
            id uuid PRIMARY KEY,
            kind text NOT NULL,
            item_id text NOT NULL,
            agency_code text NOT NULL,
            review_id text NULL,
            description text NOT NULL,
            recorded_by text NULL,
            detected_at timestamptz NOT NULL
        );
        CREATE INDEX ix_violations_item ON secrecy_review.violations (item_id, detected_at);
        """);
}
