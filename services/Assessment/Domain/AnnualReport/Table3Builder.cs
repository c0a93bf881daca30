using Ogi.BuildingBlocks.Domain;

namespace Ogi.Assessment.Domain.AnnualReport;

/// <summary>
/// Computes table 三 for one agency and year from its application facts (AS-8). Each application counts once on the
/// left (一 received this year, or 二 carried over: received before the year and not replied by its start) and once
/// on the right (三 under its outcome when replied within the year, or 四 when still unreplied at the year's end);
/// applications closed before the year or received after it do not appear. So 一 + 二 = 三（七） + 四 by construction.
/// </summary>
public static class Table3Builder
{
    public static Table3 Build(int year, IEnumerable<ApplicationFact> facts)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var cells = new long[Table3Layout.Rows.Count, Table3Layout.ColumnCount];
        var seen = facts is ICollection<ApplicationFact> known ? new HashSet<Guid>(known.Count) : new HashSet<Guid>();
        int newThisYear = Table3Layout.NewThisYear.Index, carriedOver = Table3Layout.CarriedOver.Index;
        int total = Table3Layout.Total.Index, carriedForward = Table3Layout.CarriedForward.Index;
        foreach (var fact in facts)
        {
            // An application listed twice (e.g. a replayed event) would be counted twice: refuse rather than guess.
            if (!seen.Add(fact.ApplicationId))
            {
                throw new InvalidInputException("applications", $"application {fact.ApplicationId} is listed more than once");
            }

            Validate(fact);
            if (fact.ReceivedOn > last || fact.RepliedOn < first)
            {
                continue;
            }

            var column = (int)fact.ApplicantType;
            cells[fact.ReceivedOn >= first ? newThisYear : carriedOver, column]++;
            if (fact.RepliedOn is { } replied && replied <= last)
            {
                cells[OutcomeRow(fact), column]++;
                cells[total, column]++;
            }
            else
            {
                cells[carriedForward, column]++;
            }
        }

        for (var r = 0; r < Table3Layout.Rows.Count; r++)
        {
            for (var c = 0; c < Table3Layout.TotalColumn; c++)
            {
                cells[r, Table3Layout.TotalColumn] += cells[r, c];
            }
        }

        return Table3.Own(cells);
    }

    private static int OutcomeRow(ApplicationFact fact) => fact.Outcome switch
    {
        ReplyOutcome.Disclosed => Table3Layout.Disclosed.Index,
        ReplyOutcome.PartiallyDisclosed => Table3Layout.PartiallyDisclosed.Index,
        _ => Table3Layout.RowFor(fact.Reason!.Value).Index,
    };

    private static void Validate(ApplicationFact fact)
    {
        if (fact.ApplicantType is < ApplicantType.NaturalPerson or > ApplicantType.Other)
        {
            throw new InvalidInputException("applicant_type", $"application {fact.ApplicationId} has no applicant type of the six columns");
        }

        if (fact.RepliedOn is null)
        {
            if (fact.Outcome is not null || fact.Reason is not null)
            {
                throw new InvalidInputException("outcome", $"application {fact.ApplicationId} has an outcome but no reply date");
            }

            return;
        }

        if (fact.RepliedOn < fact.ReceivedOn)
        {
            throw new InvalidInputException("replied_on", $"application {fact.ApplicationId} is replied before it was received");
        }

        // INT-8: exactly one outcome per reply, with a sub-reason exactly where table 三 counts by sub-reason.
        if (fact.Outcome is not ({ } outcome and >= ReplyOutcome.Disclosed and <= ReplyOutcome.Other))
        {
            throw new InvalidInputException("outcome", $"replied application {fact.ApplicationId} has no outcome");
        }

        if (outcome.NeedsReason() != fact.Reason.HasValue || (fact.Reason is { } reason && (reason is < OutcomeReason.StateSecret or > OutcomeReason.OtherReason || reason.Outcome() != outcome)))
        {
            throw new InvalidInputException("reason",
                $"application {fact.ApplicationId}: outcome {outcome.Chinese()} {(outcome.NeedsReason() ? "needs one of its own sub-reasons" : "takes no sub-reason")}");
        }
    }
}
