using Ogi.BuildingBlocks.Domain;
using Ogi.Assessment.Domain;

namespace Ogi.Assessment.Tests;

public class ChineseLabelTests
{
    [Fact]
    public void Every_enum_value_of_the_assessment_domain_carries_a_chinese_label()
    {
        var enums = typeof(AgencyLevel).Assembly.GetTypes()
            .Where(t => t.IsEnum && t.Namespace?.StartsWith("Ogi.Assessment.Domain", StringComparison.Ordinal) == true)
            .ToList();

        Assert.True(enums.Count >= 15, $"found only {enums.Count} enums");
        foreach (var value in enums.SelectMany(e => Enum.GetValues(e).Cast<Enum>()))
        {
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", value.Chinese());
        }
    }
}
