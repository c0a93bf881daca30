using System.Diagnostics;
using System.Globalization;
using Ogi.BuildingBlocks.Testing;
using Ogi.SecrecyReview.Bench;
using Ogi.SecrecyReview.Domain.Findings;
using static Ogi.SecrecyReview.Tests.SampleTexts;

// SR-7 "a 1 MB text scanned in well under a second": the four sample documents repeated past 1 MB, scanned several
// times after a warm-up; then 256 KB runs of single near-miss patterns, where a non-linear scanner would blow up.
const int Runs = 7;
var block = DisclosureReply + PenaltyDecision + MeetingMinutes + ClassifiedNotice;
var corpus = string.Concat(Enumerable.Repeat(block, (1 << 20) / block.Length + 1));
SensitiveContentScanner.Scan(corpus);

var times = new List<double>();
var findings = 0;
for (var i = 0; i < Runs; i++)
{
    var watch = Stopwatch.StartNew();
    findings = SensitiveContentScanner.Scan(corpus).Count;
    times.Add(watch.Elapsed.TotalMilliseconds);
}

times.Sort();
var median = times[Runs / 2];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"secrecy-scan: {corpus.Length:N0} chars ({corpus.Length * 2 / 1048576.0:F1} MB UTF-16), {findings:N0} findings: median {median:F1} ms, best {times[0]:F1} ms, worst {times[^1]:F1} ms over {Runs} runs ({corpus.Length / median / 1000:F1} M chars/s)"));
BenchResults.Record("secrecy review", "scan of a 1 MB text (SR-7)", median, "ms", "well under 1 s", median < 1000,
    string.Create(CultureInfo.InvariantCulture, $"{corpus.Length:N0} characters, {findings:N0} findings, median of {Runs}"));

foreach (var pattern in new[] { "1", "号", "1号", "人民路1号", "138-", "6222 ", "★", "秘密 ", " 内部" })
{
    var text = string.Concat(Enumerable.Repeat(pattern, 256_000 / pattern.Length));
    SensitiveContentScanner.Scan(text);
    var watch = Stopwatch.StartNew();
    var count = SensitiveContentScanner.Scan(text).Count;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"secrecy-scan adversarial \"{pattern}\" x {256_000 / pattern.Length:N0}: {watch.Elapsed.TotalMilliseconds:F1} ms, {count:N0} findings"));
}

// The reviewer's queue over an agency with 2,000 open reviews of ~100 KB texts.
int Option(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
await QueueBench.RunAsync(Option("--reviews", 2000), Option("--kb", 100), Option("--calls", 15));
