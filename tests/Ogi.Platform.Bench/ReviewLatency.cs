using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Ogi.BuildingBlocks.Grpc;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Identity.Rpc;
using Ogi.BuildingBlocks.Identity.Tokens;
using Ogi.BuildingBlocks.Testing;
using Ogi.Contracts.Intake.V1;
using Ogi.Contracts.Review.V1;

namespace Ogi.Platform.Bench;

/// <summary>
/// From a clerk attaching a document (SR-1: intake requests its review) to the review task being visible in
/// secrecy-review: intake's outbox, the relay, secrecy-review's handler and its query, across two processes.
/// </summary>
internal static class ReviewLatency
{
    public static async Task<(double P50, double P99, int Count)> MeasureAsync(PlatformRun platform, int count)
    {
        var tokens = DevelopmentTokens.FromConfiguration(new ConfigurationBuilder().Build(), "Development");
        var agency = SampleAgencies.YuanzhouEducation;
        var platformCall = BearerToken.Headers(tokens.MintProvincialPlatform("bench-portal"));
        var clerk = BearerToken.Headers(tokens.Mint("bench-clerk", agency, [StaffRole.Clerk]));
        var reviewer = BearerToken.Headers(tokens.Mint("bench-reviewer", agency, [StaffRole.Reviewer]));
        using var intakeChannel = platform.Channel(ServiceIdentity.Intake);
        using var reviewChannel = platform.Channel(ServiceIdentity.SecrecyReview);
        var intake = new IntakeService.IntakeServiceClient(intakeChannel);
        var review = new ReviewService.ReviewServiceClient(reviewChannel);

        // The applications are registered first: a clerk attaches documents to an application registered earlier, so
        // each measurement is the attach and its review, not also the registration events of a submission a moment ago
        // (which every service handles, and which on two cores roughly doubled the attach call).
        var applications = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            applications.Add((await intake.SubmitApplicationAsync(new SubmitApplicationRequest
            {
                RequestId = $"bench-review-{Guid.NewGuid():N}",
                AgencyCode = agency,
                Applicant = new Applicant { Type = ApplicantType.OtherOrganisation, Name = "某社区服务中心", DocumentType = IdentityDocumentType.UnifiedSocialCreditCode, DocumentNumber = SampleAgencies.Xiji, Email = "bench@example.com.cn" },
                Request = new RequestDetails { Kind = ApplicationKind.Disclosure, Description = "2026年度学校营养餐经费使用情况", Form = RequestedForm.Electronic, Delivery = DeliveryChannel.Email, Channel = SubmissionChannel.InPerson },
            }, platformCall)).Application.ApplicationId);
        }

        await Task.Delay(TimeSpan.FromSeconds(5)); // their registration events delivered everywhere
        var latencies = new List<double>();
        foreach (var applicationId in applications)
        {
            var clock = Stopwatch.StartNew();
            await intake.AttachDocumentsAsync(new AttachDocumentsRequest
            {
                ApplicationId = applicationId,
                Documents = { new ReleaseDocumentInput { DocumentId = "doc-1", Title = "经费使用明细", Text = "2026年营养餐经费共计86万元，已全部用于……" } },
            }, clerk);
            while (true)
            {
                try
                {
                    await review.GetItemAsync(new GetItemRequest { ApplicationId = applicationId, DocumentId = "doc-1" }, reviewer);
                    break;
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
                {
                    await Task.Delay(1);
                }
            }

            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }

        latencies.Sort();
        double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        return (Percentile(0.50), Percentile(0.99), latencies.Count);
    }
}
