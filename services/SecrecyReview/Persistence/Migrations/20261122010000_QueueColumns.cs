using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ogi.SecrecyReview.Persistence.Migrations;

/// <summary>
/// Queues read columns, not reviews: each review row carries its title, the task it waits on and who has to do it,
/// written on every save (ReviewQueue.LineOf). Existing rows get them here, computed from the item and the command
/// log by the same rule, so no review is replayed at startup.
/// </summary>
[DbContext(typeof(SecrecyReviewDbContext))]
[Migration("20261122010000_QueueColumns")]
public sealed class QueueColumns : Migration
{
    /// <summary>
    /// ReviewQueue.LineOf in SQL, for rows written before these columns: awaiting approval with a releasable opinion
    /// (the last one given) and a co-producer whose last written answer is not consent → AwaitConsent (SR-8).
    /// </summary>
    public const string Backfill = """
        UPDATE secrecy_review.reviews r
        SET title = i.item ->> 'title',
            queue_task = CASE r.status
                WHEN 'AwaitingAssignment' THEN 'AssignReviewers'
                WHEN 'InReview' THEN 'Review'
                WHEN 'AwaitingDetermination' THEN 'FollowUpEscalation'
                WHEN 'AwaitingApproval' THEN CASE
                    WHEN (SELECT c.value -> 'opinion' ->> 'kind' FROM jsonb_array_elements(r.commands) WITH ORDINALITY c
                          WHERE c.value ->> 'command' = 'opinion' ORDER BY c.ordinality DESC LIMIT 1) IN ('Public', 'Partial')
                     AND EXISTS (
                          SELECT 1
                          FROM jsonb_array_elements_text(CASE jsonb_typeof(i.item -> 'coProducers') WHEN 'array' THEN i.item -> 'coProducers' ELSE '[]'::jsonb END) p (name)
                          WHERE COALESCE((SELECT (c.value -> 'consent' ->> 'consents')::boolean
                                          FROM jsonb_array_elements(r.commands) WITH ORDINALITY c
                                          WHERE c.value ->> 'command' = 'consent' AND c.value -> 'consent' ->> 'coProducer' = p.name
                                          ORDER BY c.ordinality DESC LIMIT 1), false) = false)
                    THEN 'AwaitConsent'
                    ELSE 'Approve'
                END
            END,
            assignee = CASE r.status
                WHEN 'InReview' THEN r.reviewer
                WHEN 'AwaitingDetermination' THEN r.reviewer
                WHEN 'AwaitingApproval' THEN r.approving_leader
            END
        FROM secrecy_review.items i
        WHERE i.id = r.item_id;
        """;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            ALTER TABLE secrecy_review.reviews
                ADD COLUMN title text NULL,
                ADD COLUMN queue_task text NULL,
                ADD COLUMN assignee text NULL;
            """);
        migrationBuilder.Sql(Backfill);
        migrationBuilder.Sql("""
            ALTER TABLE secrecy_review.reviews ALTER COLUMN title SET NOT NULL;
            -- Queues: an agency's work by task and person; reviews waiting for nobody are not indexed.
            DROP INDEX secrecy_review.ix_reviews_agency_open;
            CREATE INDEX ix_reviews_queue ON secrecy_review.reviews (agency_code, queue_task, assignee) WHERE queue_task IS NOT NULL;
            """);
    }
}
