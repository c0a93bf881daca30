using Ogi.BuildingBlocks.Domain;
namespace Ogi.Assessment.Domain;

/// <summary>The level a yearly scheme applies to (domain.md §0).</summary>
public enum AgencyLevel
{
    [Label("省")] Province,
    [Label("市")] City,
    [Label("县")] County,
    [Label("乡镇")] Township,
}
