using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Identity.Principals;
using Ogi.BuildingBlocks.Testing;
using Ogi.SecrecyReview.Persistence;
using Pb = Ogi.Contracts.Review.V1;

namespace Ogi.SecrecyReview.Bench;

/// <summary>
/// ListReviewerQueue through the secrecy-review host's production wiring over an agency with many open reviews of
/// large documents, all assigned to the reviewer asking: the time of one call, which must not grow with the texts.
/// </summary>
internal static class QueueBench
{
    private const string Agency = SampleAgencies.XijiHousing;

    public static async Task RunAsync(int reviews, int kilobytes, int calls)
    {
        var postgres = new PostgresFixture();
        await postgres.InitializeAsync();
        try
        {
            await using var service = await ServiceUnderTest.StartAsync<SecrecyReviewDbContext>(postgres, ServiceIdentity.SecrecyReview,
                SecrecyReviewHost.Configure, SecrecyReviewHost.Map);
            var client = new Pb.ReviewService.ReviewServiceClient(service.Channel);
            var clerk = service.Staff("bench-clerk", Agency, StaffRole.Clerk);
            var head = service.Staff("bench-head", Agency, StaffRole.OfficeHead);
            var reviewer = service.Staff("bench-reviewer", Agency, StaffRole.Reviewer);
            var text = Text(kilobytes * 1024);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);

            // Submitted and assigned to the one reviewer, a few at a time: the reviews the queue lists.
            var setup = Stopwatch.StartNew();
            var next = 0;
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (Interlocked.Increment(ref next) is var n && n <= reviews)
                {
                    var review = (await client.SubmitProactiveItemAsync(new Pb.SubmitProactiveItemRequest
                    {
                        AgencyCode = Agency,
                        Title = $"西吉县住房保障信息公开 第{n}号",
                        Text = text,
                        FormedOrChangedOn = new Google.Type.Date { Year = today.Year, Month = today.Month, Day = today.Day },
                        RequestId = $"bench-{n}",
                    }, clerk)).Review;
                    await client.AssignReviewersAsync(new Pb.AssignReviewersRequest { ReviewId = review.ReviewId, Reviewer = "bench-reviewer", ApprovingLeader = "bench-leader" }, head);
                }
            })));
            setup.Stop();

            var listed = (await client.ListReviewerQueueAsync(new Pb.ListReviewerQueueRequest(), reviewer)).Entries.Count; // warm-up
            if (listed != reviews)
            {
                throw new InvalidOperationException($"the queue lists {listed} reviews, not {reviews}");
            }

            var times = new List<double>();
            for (var i = 0; i < calls; i++)
            {
                var watch = Stopwatch.StartNew();
                await client.ListReviewerQueueAsync(new Pb.ListReviewerQueueRequest(), reviewer);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            var median = times[calls / 2];
            var detail = string.Create(CultureInfo.InvariantCulture, $"{reviews:N0} open reviews of {Encoding.UTF8.GetByteCount(text) / 1024} KB texts, all in the caller's queue; median of {calls} calls");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"secrecy-review ListReviewerQueue: {detail}: median {median:F1} ms, best {times[0]:F1} ms, worst {times[^1]:F1} ms (setup {setup.Elapsed.TotalSeconds:F0} s)"));
            BenchResults.Record("queues", string.Create(CultureInfo.InvariantCulture, $"ListReviewerQueue, {reviews:N0} open reviews of ~{kilobytes} KB"), median, "ms", detail: detail);
        }
        finally
        {
            await postgres.DisposeAsync();
        }
    }

    /// <summary>A notice of about <paramref name="bytes"/> bytes (UTF-8): ordinary paragraphs, a telephone number now and then.</summary>
    private static string Text(int bytes)
    {
        var text = new StringBuilder();
        for (var (paragraph, size) = (1, 0); size < bytes; paragraph++)
        {
            var line = string.Create(CultureInfo.InvariantCulture,
                $"第{paragraph}项：本县2026年公共租赁住房保障对象资格审核、租金补贴发放及房源分配情况，详见附表。{(paragraph % 50 == 0 ? "咨询电话0954-6011234。" : "")}\n");
            text.Append(line);
            size += Encoding.UTF8.GetByteCount(line);
        }

        return text.ToString();
    }
}
