using Ogi.BuildingBlocks.Domain;
using Ogi.SecrecyReview.Domain.Redaction;

namespace Ogi.SecrecyReview.Tests;

public sealed class RedactionTests
{
    private const string Text = "当事人王某，身份证号码500103198506123315，住重庆市渝中区解放碑路12号。";

    [Fact]
    public void Each_withheld_range_becomes_a_fixed_mark_with_its_reason()
    {
        var released = ReleasedText.Produce(Text, [new WithheldRange(11, 18, "个人隐私"), new WithheldRange(3, 2, "姓名")]);
        Assert.Equal("当事人■■■，身份证号码■■■，住重庆市渝中区解放碑路12号。", released.Text);
        Assert.Equal(
            [new RedactedPart(3, 2, 3, 3, "姓名"), new RedactedPart(11, 18, 12, 3, "个人隐私")],
            released.Redactions);
        Assert.All(released.Redactions, r => Assert.Equal("■■■", released.Text.Substring(r.ReleasedStart, r.ReleasedLength)));
    }

    [Fact]
    public void Proportional_mark_keeps_the_length()
    {
        var released = ReleasedText.Produce(Text, [new WithheldRange(3, 2, "姓名")], RedactionMark.Proportional);
        Assert.Equal(Text.Length, released.Text.Length);
        Assert.StartsWith("当事人■■，", released.Text, StringComparison.Ordinal);
        Assert.Equal("当事人××，", ReleasedText.Produce(Text, [new WithheldRange(3, 2, "姓名")], new RedactionMark('×', null)).Text[..6]);
    }

    [Fact]
    public void Overlapping_and_adjacent_ranges_merge_and_join_their_reasons()
    {
        var released = ReleasedText.Produce(Text,
            [new WithheldRange(11, 10, "个人隐私"), new WithheldRange(15, 14, "个人隐私"), new WithheldRange(29, 1, "标点"), new WithheldRange(3, 2, "姓名")]);
        Assert.Equal([(3, 2, "姓名"), (11, 19, "个人隐私；标点")], released.Redactions.Select(r => (r.Start, r.Length, r.Reason)).ToList());
        Assert.Equal("当事人■■■，身份证号码■■■住重庆市渝中区解放碑路12号。", released.Text);
    }

    [Theory]
    [InlineData(-1, 2)]
    [InlineData(40, 10)]
    [InlineData(5, 0)]
    [InlineData(int.MaxValue, 2)]
    public void Ranges_outside_the_text_are_refused(int start, int length)
    {
        var ex = Assert.Throws<InvalidInputException>(() => ReleasedText.Produce(Text, [new WithheldRange(0, 1, "a"), new WithheldRange(start, length, "b")]));
        Assert.Equal("withheld[1]", Assert.Single(ex.Violations).Field);
    }

    [Fact]
    public void A_range_splitting_a_surrogate_pair_or_without_reason_is_refused()
    {
        Assert.Throws<InvalidInputException>(() => ReleasedText.Produce("姓名：𠀀某", [new WithheldRange(3, 1, "姓名")]));
        Assert.Equal("姓名：■■■某", ReleasedText.Produce("姓名：𠀀某", [new WithheldRange(3, 2, "姓名")]).Text);
        Assert.Throws<InvalidInputException>(() => ReleasedText.Produce(Text, [new WithheldRange(3, 2, " ")]));
    }
}
