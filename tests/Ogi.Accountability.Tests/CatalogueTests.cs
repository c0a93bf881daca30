using System.Reflection;
using Ogi.Accountability.Domain;
using Ogi.Accountability.Domain.Cases;
using Ogi.Accountability.Domain.Catalogue;
using Ogi.Accountability.Domain.Measures;
using Ogi.BuildingBlocks.Domain;
using static Ogi.Accountability.Tests.Scenario;

namespace Ogi.Accountability.Tests;

public class CatalogueTests
{
    [Fact]
    public void AC2_catalogue_is_the_eleven_items_of_seed_004_article_5_in_order()
    {
        var types = Enum.GetValues<ViolationType>();
        Assert.Equal(Enumerable.Range(1, 11), types.Select(t => (int)t));
        Assert.Equal("未履行政府信息公开审查程序,错误公开信息,泄露国家秘密、商业秘密、个人隐私,或危害国家安全、公共安全、经济安全和社会稳定的",
            ViolationType.WrongfulRelease.Chinese());
        Assert.Equal("违反政务公开工作有关规定的其他情形", ViolationType.Other.Chinese());
    }

    [Theory]
    [InlineData(DetailedItem.DutiesAndPowersNotPublished, ViolationType.ProactiveDisclosureFailed)]
    [InlineData(DetailedItem.PowersCatalogueNotRevised, ViolationType.ProactiveDisclosureFailed)]
    [InlineData(DetailedItem.PublishedProcedureNotFollowed, ViolationType.MechanismNotInPlace)]
    [InlineData(DetailedItem.ComplaintsHandledLate, ViolationType.ComplaintsNotHandled)]
    [InlineData(DetailedItem.RectificationNotDone, ViolationType.OversightObstructed)]
    [InlineData(DetailedItem.UnauthorisedRelease, ViolationType.WrongfulRelease)]
    [InlineData(DetailedItem.Obstruction, ViolationType.Other)]
    public void AC2_detailed_items_of_seed_000_article_6_map_onto_the_catalogue(DetailedItem item, ViolationType expected) =>
        Assert.Equal(expected, ViolationCatalogue.TypeOf(item));

    [Fact]
    public void AC2_every_detailed_item_of_seed_000_has_a_catalogue_type()
    {
        var items = Enum.GetValues<DetailedItem>();
        Assert.Equal(17, items.Length);
        Assert.All(items, i => Assert.True(Enum.IsDefined(ViolationCatalogue.TypeOf(i))));
    }

    [Fact]
    public void AC2_facts_naming_a_detailed_item_of_another_type_are_refused()
    {
        var @case = Investigating();
        var facts = Facts() with { DetailedItem = DetailedItem.UnauthorisedRelease };

        var refusal = Assert.Throws<InvalidInputException>(() => @case.EstablishFacts(facts));
        Assert.Equal("facts.violation", refusal.Violations.Single().Field);
        Assert.Null(@case.Facts);
    }

    [Fact]
    public void Every_enum_a_person_reads_carries_a_Chinese_label()
    {
        var enums = typeof(AccountabilityCase).Assembly.GetTypes()
            .Where(t => t.IsEnum && t.Namespace!.StartsWith("Ogi.Accountability.Domain", StringComparison.Ordinal)).ToList();
        Assert.Contains(typeof(Measure), enums);

        foreach (var value in enums.SelectMany(e => Enum.GetValues(e).Cast<Enum>()))
        {
            var label = value.GetType().GetField(value.ToString())!.GetCustomAttribute<LabelAttribute>();
            Assert.True(label is not null && label.Chinese.Any(c => c >= '\u4e00' && c <= '\u9fff'), $"{value.GetType().Name}.{value}");
        }
    }
}
