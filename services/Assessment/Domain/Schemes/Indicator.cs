using Ogi.BuildingBlocks.Domain;

namespace Ogi.Assessment.Domain.Schemes;

/// <summary>
/// A node of a scheme's indicator tree (AS-1): a group of indicators, or a leaf worth points
/// (百分制: the leaves of a scheme sum to 100). A leaf may be bound to a measured indicator (AS-4).
/// </summary>
public sealed record Indicator
{
    private Indicator(string code, string name, AssessmentArea area, decimal? points, IReadOnlyList<Indicator> children,
        MeasuredBinding? binding)
    {
        Code = code;
        Name = name;
        Area = area;
        Points = points;
        Children = children;
        Binding = binding;
    }

    public string Code { get; }

    public string Name { get; }

    public AssessmentArea Area { get; }

    /// <summary>The points of a leaf; null on a group, whose worth is the sum of its leaves.</summary>
    public decimal? Points { get; }

    public IReadOnlyList<Indicator> Children { get; }

    public MeasuredBinding? Binding { get; private init; }

    public bool IsLeaf => Children.Count == 0;

    public static Indicator Leaf(string code, string name, AssessmentArea area, decimal points, MeasuredBinding? binding = null)
    {
        RequireText(code, name);
        if (points <= 0m)
        {
            throw new InvalidInputException("indicator.points", $"leaf {code} must be worth more than 0 points, got {points}");
        }

        if (binding is not null)
        {
            RequireCompatible(code, binding);
        }

        return new Indicator(code, name, area, points, [], binding);
    }

    public static Indicator Group(string code, string name, AssessmentArea area, IEnumerable<Indicator> children)
    {
        RequireText(code, name);
        var list = children.ToList();
        if (list.Count == 0)
        {
            throw new InvalidInputException("indicator.children", $"group {code} has no indicators");
        }

        // A group belongs to one area of 第六条; its indicators cannot wander into another.
        var stray = list.FirstOrDefault(c => c.Area != area);
        if (stray is not null)
        {
            throw new InvalidInputException("indicator.area",
                $"{stray.Code} is under {code} ({area.Chinese()}) but names the area {stray.Area.Chinese()}");
        }

        return new Indicator(code, name, area, null, list, null);
    }

    /// <summary>The sum of the leaf points under this node (exact decimal).</summary>
    public decimal TotalPoints => IsLeaf ? Points!.Value : Children.Sum(c => c.TotalPoints);

    public IEnumerable<Indicator> Leaves() => IsLeaf ? [this] : Children.SelectMany(c => c.Leaves());

    public IEnumerable<Indicator> SelfAndDescendants() => new[] { this }.Concat(Children.SelectMany(c => c.SelfAndDescendants()));

    internal Indicator WithBinding(MeasuredBinding binding)
    {
        if (!IsLeaf)
        {
            throw new InvalidInputException("indicator_code", $"{Code} is a group; only a leaf can be bound to a measurement");
        }

        RequireCompatible(Code, binding);
        return this with { Binding = binding };
    }

    internal Indicator Replacing(string code, Indicator replacement) =>
        Code == code ? replacement
        : IsLeaf ? this
        : new Indicator(Code, Name, Area, null, Children.Select(c => c.Replacing(code, replacement)).ToList(), null);

    private static void RequireCompatible(string code, MeasuredBinding binding)
    {
        if (binding.Rule.ReadsRate != binding.Indicator.IsRate())
        {
            throw new InvalidInputException("binding.rule",
                $"{code}: {binding.Indicator.Chinese()} is {(binding.Indicator.IsRate() ? "a rate" : "a count")}; the rule reads the other kind");
        }
    }

    private static void RequireText(string code, string name)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            throw new InvalidInputException("indicator.code", "an indicator needs a code");
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw new InvalidInputException("indicator.name", $"indicator {code} needs a name");
        }
    }
}
