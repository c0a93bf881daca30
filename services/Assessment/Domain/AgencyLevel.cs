namespace Ogi.Assessment.Domain;

/// <summary>The level a yearly scheme applies to (domain.md §0).</summary>
public enum AgencyLevel
{
    [ChineseLabel("省")] Province,
    [ChineseLabel("市")] City,
    [ChineseLabel("县")] County,
    [ChineseLabel("乡镇")] Township,
}
