using Ogi.BuildingBlocks.Calendar;
using static Ogi.Calendar.Tests.Shipped;

namespace Ogi.Calendar.Tests;

/// <summary>Every result explains itself in words a clerk reads (CAL-2, CAL-4, CAL-5).</summary>
public class ExplanationTests
{
    [Fact]
    public void CAL2_explanation_across_spring_festival_names_each_step()
    {
        var clock = new PeriodClock(Shipped.Calendar, Day("2026-02-10"), 20, PeriodUnit.WorkingDays, "reg-2019",
            [new ClockStop(Day("2026-03-03"), Day("2026-03-05"), "补正")]);
        var lines = clock.Result.Explanation;

        Assert.Equal("起算日：2026年2月10日（星期二），当日不计入，自次日起计算20个工作日。", lines[0]);
        Assert.Contains("第1个工作日：2026年2月11日（星期三）。", lines);
        Assert.Contains("调休上班：2026年2月14日（星期六）为调休工作日，计为第4个工作日。", lines);
        Assert.Contains("调休上班：2026年2月28日（星期六）为调休工作日，计为第9个工作日。", lines);
        // Sun Feb 15 – Mon Feb 23: Feb 16–20 and Feb 23 are the six weekdays lost.
        Assert.Contains("跳过节假日：春节假期2026年2月15日至2026年2月23日，共9天不计，其中6天为原本的周一至周五。", lines);
        Assert.Contains("中止（补正）：2026年3月3日（星期二）中止，2026年3月5日（星期四）恢复，2026年3月4日至2026年3月5日期间2个工作日不计入，期限相应顺延2个工作日。", lines);
        // Without the stop day 20 was Mon Mar 16; two excluded days move it to Wed Mar 18.
        Assert.Contains("第20个工作日：2026年3月18日（星期三），期限届满时间：2026年3月18日23:59:59（北京时间）。", lines);
        Assert.Equal($"依据：日历版本{Shipped.Calendar.Version}，政策配置reg-2019。", lines[^1]);
        Assert.DoesNotContain(lines, l => l.StartsWith("临时结果", StringComparison.Ordinal));
    }
}
