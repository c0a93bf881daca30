using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Ogi.BuildingBlocks.Domain;

namespace Ogi.BuildingBlocks.Identity.Agencies;

/// <summary>
/// The agency directory: reference data operators supply as a JSON file (configuration Agencies:Path, environment
/// OGI_Agencies__Path); without one, the sample shipped inside this assembly (a province → a city → three counties).
/// Checked whole on load: valid credit codes, unique codes and short codes, known parents and competent
/// departments, no cycles, a parent never below its child.
/// </summary>
public sealed partial class AgencyDirectory
{
    public const string Section = "Agencies";
    private const string SampleResource = "Ogi.Identity.agencies.sample.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    private readonly Dictionary<string, Agency> _byCode;
    private readonly Dictionary<string, List<Agency>> _below = [];

    private AgencyDirectory(IReadOnlyList<Agency> agencies)
    {
        _byCode = agencies.ToDictionary(a => a.Code, StringComparer.Ordinal);
        foreach (var agency in agencies)
        {
            foreach (var above in new[] { agency.Parent, agency.CompetentDepartment }.OfType<string>().Distinct())
            {
                (_below.TryGetValue(above, out var list) ? list : _below[above] = []).Add(agency);
            }
        }

        All = agencies;
    }

    public IReadOnlyList<Agency> All { get; }

    public static AgencyDirectory FromConfiguration(IConfiguration configuration) =>
        configuration[$"{Section}:Path"] is { Length: > 0 } path ? FromFile(path) : Sample();

    public static AgencyDirectory FromFile(string path)
    {
        using var stream = File.OpenRead(path);
        return FromJson(stream, path);
    }

    public static AgencyDirectory Sample()
    {
        using var stream = typeof(AgencyDirectory).Assembly.GetManifestResourceStream(SampleResource)
            ?? throw new InvalidOperationException($"embedded resource {SampleResource} is missing");
        return FromJson(stream, "the embedded sample");
    }

    /// <summary>Reads <c>{"agencies": [{code, name, level, parent, competentDepartment, shortCode}, …]}</c>.</summary>
    public static AgencyDirectory FromJson(Stream json, string source)
    {
        AgencyFile? file;
        try
        {
            file = JsonSerializer.Deserialize<AgencyFile>(json, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Agency directory {source}: {e.Message}", e);
        }

        var entries = file?.Agencies ?? [];
        var problems = entries.Where(e => e.Level is null).Select(e => $"{e.Code}: level is missing (province, city, county or township)").ToList();
        var agencies = entries.Select(e => new Agency(e.Code ?? "", e.Name ?? "", e.Level ?? default, e.Parent, e.CompetentDepartment, e.ShortCode ?? "")).ToList();
        problems.AddRange(Check(agencies));
        return problems.Count == 0
            ? new AgencyDirectory(agencies)
            : throw new InvalidDataException($"Agency directory {source} is invalid:\n  " + string.Join("\n  ", problems));
    }

    public Agency? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>The agency, or NOT_FOUND naming the code.</summary>
    public Agency Get(string code) => Find(code) ?? throw new NotFoundException($"agency {code} is not in the agency directory");

    /// <summary>The agencies below <paramref name="code"/>: those reporting to it or in its care as competent department, transitively.</summary>
    public IReadOnlyList<Agency> Jurisdiction(string code)
    {
        var found = new List<Agency>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { code };
        var queue = new Queue<string>([code]);
        while (queue.TryDequeue(out var next))
        {
            foreach (var agency in _below.GetValueOrDefault(next) ?? [])
            {
                if (seen.Add(agency.Code))
                {
                    found.Add(agency);
                    queue.Enqueue(agency.Code);
                }
            }
        }

        return found;
    }

    public bool IsWithinJurisdiction(string overseer, string agency) =>
        Jurisdiction(overseer).Any(a => a.Code == agency);

    /// <summary>The OGI competent department of an agency (null at the top of the directory).</summary>
    public Agency? CompetentDepartmentOf(string code) => Get(code).CompetentDepartment is { } competent ? Get(competent) : null;

    /// <summary>
    /// 上一级 (AC-4 分级负责、下管一级): the agency one level above, i.e. the one <paramref name="code"/> reports to
    /// (a department → its government, a government → the government above); null at the top.
    /// </summary>
    public Agency? LevelAbove(string code) => Get(code).Parent is { } parent ? Get(parent) : null;

    private static List<string> Check(IReadOnlyList<Agency> agencies)
    {
        var problems = new List<string>();
        if (agencies.Count == 0)
        {
            problems.Add("no agencies");
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        var shortCodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in agencies)
        {
            if (CreditCode.Problem(a.Code) is { } problem)
            {
                problems.Add($"{a.Code}: code {problem}");
            }

            if (!codes.Add(a.Code))
            {
                problems.Add($"{a.Code}: listed twice");
            }

            if (string.IsNullOrWhiteSpace(a.Name))
            {
                problems.Add($"{a.Code}: name is missing");
            }

            if (!ShortCodeShape().IsMatch(a.ShortCode))
            {
                problems.Add($"{a.Code}: shortCode '{a.ShortCode}' must be 1-12 characters A-Z or 0-9");
            }
            else if (!shortCodes.Add(a.ShortCode))
            {
                problems.Add($"{a.Code}: shortCode {a.ShortCode} is used twice");
            }
        }

        var byCode = agencies.GroupBy(a => a.Code).ToDictionary(g => g.Key, g => g.First());
        foreach (var a in agencies)
        {
            if (a.Parent is not null)
            {
                if (!byCode.TryGetValue(a.Parent, out var parent))
                {
                    problems.Add($"{a.Code}: parent {a.Parent} is not in the directory");
                }
                else if (parent.Level > a.Level)
                {
                    problems.Add($"{a.Code}: parent {a.Parent} is at a lower level ({parent.Level}) than the agency ({a.Level})");
                }
            }

            if (a.CompetentDepartment is not null && !byCode.ContainsKey(a.CompetentDepartment))
            {
                problems.Add($"{a.Code}: competentDepartment {a.CompetentDepartment} is not in the directory");
            }

            var chain = new HashSet<string>(StringComparer.Ordinal) { a.Code };
            for (var up = a.Parent; up is not null && byCode.TryGetValue(up, out var next); up = next.Parent)
            {
                if (!chain.Add(up))
                {
                    problems.Add($"{a.Code}: its parents form a cycle");
                    break;
                }
            }
        }

        return problems;
    }

    [GeneratedRegex("^[A-Z0-9]{1,12}$")]
    private static partial Regex ShortCodeShape();

    private sealed record AgencyFile(IReadOnlyList<AgencyFileEntry>? Agencies);

    private sealed record AgencyFileEntry(string? Code, string? Name, AgencyLevel? Level, string? Parent, string? CompetentDepartment, string? ShortCode);
}
