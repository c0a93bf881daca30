using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Testing;
using Ogi.Cli.Demo;
using Ogi.Contracts.Intake.V1;

namespace Ogi.EndToEnd.Tests;

/// <summary>
/// The demo journey (`ogi demo`) against the platform as make run starts it, step by step, and its one trace: every
/// call and every event handler the calls cause carry the journey's trace id, from all five services.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class JourneyTests(PlatformFixture fixture)
{
    private readonly PlatformRun _platform = fixture.Platform;

    [Fact]
    public async Task The_demo_journey_runs_through_all_five_services_as_one_trace()
    {
        var journey = new DemoJourney(name => _platform.Channel(ServiceIdentity.All.Single(s => s.Name == name)), new DemoJourneyOptions
        {
            Patience = TimeSpan.FromSeconds(60),
            MoveReceiptBack = (id, on, ct) => DemoJourney.MoveReceiptBackAsync(fixture.Database, id, on, ct),
        });

        var outcome = await journey.RunAsync();

        Assert.Equal(Enumerable.Range(1, 15), outcome.Steps.Select(s => s.Number));
        Assert.All(outcome.Steps, s => Assert.False(string.IsNullOrWhiteSpace(s.WhereToLook)));
        var step = outcome.Steps.ToDictionary(s => s.Number, s => s.Values);

        // INT-2, INT-4: confirmed, corrected once, the period restarted.
        Assert.Contains("IN_PROGRESS", step[2]["status"], StringComparison.Ordinal);
        Assert.Contains("AWAITING_CORRECTION", step[3]["status"], StringComparison.Ordinal);
        Assert.Equal("2", step[3]["items"]);
        Assert.Contains("IN_PROGRESS", step[4]["status"], StringComparison.Ordinal);

        // SR-1, CO-4: the document waits for review and coordination.
        Assert.Contains("PENDING", step[5]["verdict"], StringComparison.Ordinal);
        Assert.Contains("PENDING", step[5]["coordination"], StringComparison.Ordinal);

        // SR-2: submitter, reviewer and approving leader are three different people; SR-3, SR-7: the ID number is redacted.
        Assert.Equal(3, new[] { step[6]["submitter"], step[6]["reviewer"], step[6]["approving_leader"] }.Distinct().Count());
        Assert.Contains("CONCLUDED", step[7]["status"], StringComparison.Ordinal);
        Assert.Equal("True", step[7]["passed_for_release"]);
        Assert.Contains("■■■", outcome.ReleasedText, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoJourney.ThirdPartyIdNumber, outcome.ReleasedText, StringComparison.Ordinal);
        Assert.Contains("分配房源42套", outcome.ReleasedText, StringComparison.Ordinal);

        // CO-4: the third party's consent concludes the consultation; INT-9: intake may release.
        Assert.Equal("True", step[8]["release_permitted"]);
        Assert.Contains("PARTIAL", step[9]["verdict"], StringComparison.Ordinal);
        Assert.Contains("RELEASE_PERMITTED", step[9]["coordination"], StringComparison.Ordinal);

        // INT-8: 部分公开, on time; AS-4, AS-8: the reply is counted once in table 三 and in the on-time reply rate.
        Assert.Equal(ReplyOutcome.PartiallyDisclosed, outcome.ReplyOutcome);
        Assert.Equal("False", step[10]["late"]);
        Assert.Equal(outcome.Table3Before + 1, outcome.Table3After);
        Assert.Equal(outcome.RepliesMeasuredBefore + 1, outcome.RepliesMeasuredAfter);

        // INT-10, AC-1: the breached application opens exactly one automatic case, at the level above the agency (AC-4).
        Assert.NotNull(outcome.BreachedApplicationId);
        Assert.Equal("True", step[14]["breach_reported"]);
        Assert.Single(outcome.BreachCaseIds);
        Assert.Equal("1", step[15]["cases_for_application"]);
        Assert.Equal(DemoJourney.Agency, step[15]["unit"]);
        Assert.Equal(DemoJourney.ParentAgency, step[15]["handling_agency"]);
        Assert.Contains("DEADLINE_BREACHED", step[15]["source"], StringComparison.Ordinal);

        // One trace: every service served the journey's calls or handled the events they caused, under its trace id.
        var expected = new (string Service, string Span)[]
        {
            ("intake", "ogi.intake.v1.IntakeService/SubmitApplication"),
            ("intake", "ogi.intake.v1.IntakeService/IssueReply"),
            ("intake", "intake publish"),
            ("intake", "secrecy-review process"),
            ("intake", "coordination process"),
            ("secrecy-review", "intake process"),
            ("secrecy-review", "ogi.review.v1.ReviewService/ApproveReview"),
            ("coordination", "intake process"),
            ("coordination", "ogi.coordination.v1.CoordinationService/RecordThirdPartyAnswer"),
            ("assessment", "intake process"),
            ("assessment", "ogi.assessment.v1.AssessmentService/GetAnnualReport"),
            ("accountability", "ogi.accountability.v1.AccountabilityService/ListCases"),
        };
        var spans = await fixture.Otlp.WaitForAsync(received => expected.All(e =>
            received.Any(s => s.TraceId == outcome.TraceId && s.Service == e.Service && s.Name == e.Span)), TimeSpan.FromSeconds(30));
        Assert.Equal(ServiceIdentity.All.Select(s => s.Name).Order(), spans.Where(s => s.TraceId == outcome.TraceId).Select(s => s.Service).Distinct().Order());
    }
}
