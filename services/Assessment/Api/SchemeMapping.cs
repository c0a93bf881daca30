using Ogi.Assessment.Domain;
using Ogi.Assessment.Domain.Schemes;
using Ogi.BuildingBlocks.Domain;
using Pb = Ogi.Contracts.Assessment.V1;

namespace Ogi.Assessment.Api;

/// <summary>Schemes on the wire and in storage (the stored document is the wire message as JSON).</summary>
internal static class SchemeMapping
{
    public static IReadOnlyList<Indicator> Indicators(IEnumerable<Pb.Indicator> indicators) =>
        indicators.Select((i, n) => Indicator(i, $"indicators[{n}]")).ToList();

    public static ResultWeights Weights(Pb.ResultWeights? w) =>
        w is null
            ? throw new InvalidInputException("weights", "is required")
            : new ResultWeights(Decimal(w.Routine, "weights.routine"), Decimal(w.SelfAssessment, "weights.self_assessment"),
                Decimal(w.Centralised, "weights.centralised"), Decimal(w.ThirdParty, "weights.third_party"),
                Decimal(w.SocialEvaluation, "weights.social_evaluation"));

    public static GradeThresholds? Thresholds(Pb.GradeThresholds? t) =>
        t is null || (t.Excellent.Length == 0 && t.Good.Length == 0 && t.Pass.Length == 0)
            ? null
            : new GradeThresholds(Convert.Decimal(t.Excellent, "thresholds.excellent"), Convert.Decimal(t.Good, "thresholds.good"),
                Convert.Decimal(t.Pass, "thresholds.pass"));

    public static Pb.Scheme ToProto(AssessmentScheme scheme) => new()
    {
        SchemeId = scheme.Id.ToString(),
        Year = scheme.Year,
        Level = Convert.Enum<Pb.AgencyLevel>(scheme.Level),
        Indicators = { scheme.Indicators.Select(ToProto) },
        Weights = new Pb.ResultWeights
        {
            Routine = Convert.Text(scheme.Weights.Routine),
            SelfAssessment = Convert.Text(scheme.Weights.SelfAssessment),
            Centralised = Convert.Text(scheme.Weights.Centralised),
            ThirdParty = Convert.Text(scheme.Weights.ThirdParty),
            SocialEvaluation = Convert.Text(scheme.Weights.SocialEvaluation),
        },
        Thresholds = new Pb.GradeThresholds
        {
            Excellent = Convert.Text(scheme.Thresholds.Excellent),
            Good = Convert.Text(scheme.Thresholds.Good),
            Pass = Convert.Text(scheme.Thresholds.Pass),
        },
        Frozen = scheme.IsFrozen,
        TotalPoints = Convert.Text(scheme.Indicators.Sum(i => i.TotalPoints)),
    };

    /// <summary>The scheme as stored: the wire message rebuilt through the domain, so a stored scheme is a valid one.</summary>
    public static AssessmentScheme FromProto(Pb.Scheme stored)
    {
        var scheme = new AssessmentScheme(Guid.Parse(stored.SchemeId), stored.Year, Convert.Enum<AgencyLevel>((int)stored.Level, "level"),
            Indicators(stored.Indicators), Weights(stored.Weights), Thresholds(stored.Thresholds));
        if (stored.Frozen)
        {
            scheme.Freeze();
        }

        return scheme;
    }

    private static Indicator Indicator(Pb.Indicator i, string path)
    {
        var area = Convert.Enum<AssessmentArea>((int)i.Area, path + ".area");
        if (i.Children.Count > 0)
        {
            return Domain.Schemes.Indicator.Group(i.Code, i.Name, area, i.Children.Select((c, n) => Indicator(c, $"{path}.children[{n}]")));
        }

        return Domain.Schemes.Indicator.Leaf(i.Code, i.Name, area, Convert.Decimal(i.Points, path + ".points"),
            i.Binding is { Indicator: not Pb.MeasuredIndicator.Unspecified } b ? Binding(b, path + ".binding") : null);
    }

    private static MeasuredBinding Binding(Pb.MeasuredBinding b, string path) => new(
        Convert.Enum<MeasuredIndicator>((int)b.Indicator, path + ".indicator"),
        b.Rule switch
        {
            Pb.MeasurementRuleKind.ProportionalToRate => new ProportionalToRate(),
            Pb.MeasurementRuleKind.FullPointsFromRate => new FullPointsFromRate(Convert.Decimal(b.Parameter, path + ".parameter")),
            Pb.MeasurementRuleKind.DeductionPerCase => new DeductionPerCase(Convert.Decimal(b.Parameter, path + ".parameter")),
            _ => throw new InvalidInputException(path + ".rule", "choose how the measurement is scored"),
        });

    private static Pb.Indicator ToProto(Indicator i)
    {
        var proto = new Pb.Indicator { Code = i.Code, Name = i.Name, Area = Convert.Enum<Pb.AssessmentArea>(i.Area) };
        if (!i.IsLeaf)
        {
            proto.Children.Add(i.Children.Select(ToProto));
            return proto;
        }

        proto.Points = Convert.Text(i.Points!.Value);
        if (i.Binding is { } b)
        {
            proto.Binding = new Pb.MeasuredBinding
            {
                Indicator = Convert.Enum<Pb.MeasuredIndicator>(b.Indicator),
                Rule = b.Rule switch
                {
                    FullPointsFromRate => Pb.MeasurementRuleKind.FullPointsFromRate,
                    DeductionPerCase => Pb.MeasurementRuleKind.DeductionPerCase,
                    _ => Pb.MeasurementRuleKind.ProportionalToRate,
                },
                Parameter = b.Rule switch
                {
                    FullPointsFromRate f => Convert.Text(f.MinimumRate),
                    DeductionPerCase d => Convert.Text(d.PointsPerCase),
                    _ => "",
                },
            };
        }

        return proto;
    }

    private static decimal Decimal(string value, string field) => Convert.Decimal(value, field);
}
