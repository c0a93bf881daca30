using Ogi.BuildingBlocks.Domain;

namespace Ogi.Assessment.Domain.AnnualReport;

/// <summary>Who publishes the report; it decides the due date (AS-8, Reg. 49).</summary>
public enum ReportingBody
{
    /// <summary>A department of a government (政府部门): by 31 January of the next year.</summary>
    [Label("政府部门")] Department,

    /// <summary>A people's government (人民政府): by 31 March of the next year.</summary>
    [Label("人民政府")] Government,
}

/// <summary>The due dates of AS-8.</summary>
public static class ReportDueDates
{
    /// <summary>Departments publish by 31 January, governments by 31 March, of the year after the report year.</summary>
    public static DateOnly PublicationDue(int reportYear, ReportingBody body) =>
        body == ReportingBody.Department ? new DateOnly(reportYear + 1, 1, 31) : new DateOnly(reportYear + 1, 3, 31);

    /// <summary>Internal units hand their yearly work report to the office by 20 December of the year (seed 001 年度报告制度 第一条).</summary>
    public static DateOnly InternalUnitReportDue(int reportYear) => new(reportYear, 12, 20);
}

/// <summary>The text parts staff write: 一、总体情况; 五、存在的主要问题及改进情况; 六、其他需要报告的事项.</summary>
public sealed record ReportText(string GeneralSituation, string ProblemsAndImprovements, string OtherMatters)
{
    public const string GeneralSituationTitle = "一、总体情况";

    public const string ProblemsAndImprovementsTitle = "五、存在的主要问题及改进情况";

    public const string OtherMattersTitle = "六、其他需要报告的事项";
}

/// <summary>
/// An agency's 政府信息公开工作年度报告 for one year (AS-8): the staff's text and table 二, table 三 computed from
/// intake's facts, table 四 from recorded cases. Publication is refused while table 三 fails its check, naming the
/// cells that break it.
/// </summary>
public sealed class AnnualReport
{
    public AnnualReport(string agencyCode, string agencyName, int year, ReportingBody body, Table3 applications, Table4 reviewsAndLitigation)
    {
        if (string.IsNullOrWhiteSpace(agencyCode) || string.IsNullOrWhiteSpace(agencyName))
        {
            throw new InvalidInputException("agency", "a report names its agency by code and name");
        }

        AgencyCode = agencyCode;
        AgencyName = agencyName;
        Year = year;
        Body = body;
        Applications = applications;
        ReviewsAndLitigation = reviewsAndLitigation;
    }

    public string AgencyCode { get; }

    public string AgencyName { get; }

    public int Year { get; }

    public ReportingBody Body { get; }

    public string Title => $"{AgencyName}{Year}年政府信息公开工作年度报告";

    public DateOnly PublicationDue => ReportDueDates.PublicationDue(Year, Body);

    public ReportText? Text { get; private set; }

    public Table2? ProactiveDisclosure { get; private set; }

    public Table3 Applications { get; private set; }

    public Table4 ReviewsAndLitigation { get; private set; }

    public DateOnly? PublishedOn { get; private set; }

    public bool PublishedLate => PublishedOn > PublicationDue;

    public void WriteText(ReportText text)
    {
        RequireDraft();
        Text = text;
    }

    public void EnterProactiveDisclosure(Table2 figures)
    {
        RequireDraft();
        ProactiveDisclosure = figures;
    }

    /// <summary>Table 三 recomputed or corrected; it is checked again on publication.</summary>
    public void ReplaceApplications(Table3 table)
    {
        RequireDraft();
        Applications = table;
    }

    public void ReplaceReviewsAndLitigation(Table4 table)
    {
        RequireDraft();
        ReviewsAndLitigation = table;
    }

    /// <summary>Whether the report is overdue on <paramref name="day"/>: unpublished after its due date.</summary>
    public bool IsOverdueOn(DateOnly day) => day > PublicationDue && (PublishedOn is null || PublishedOn > day);

    public void Publish(DateOnly on)
    {
        RequireDraft();
        var broken = Applications.Check();
        if (broken.Count > 0)
        {
            throw new RuleViolationException("AS-8",
                $"table 三 does not add up (一 + 二 = 三（七） + 四 and its totals): {string.Join("; ", broken)}");
        }

        if (Text is null || string.IsNullOrWhiteSpace(Text.GeneralSituation) || string.IsNullOrWhiteSpace(Text.ProblemsAndImprovements))
        {
            throw new RuleViolationException("AS-8",
                $"the report needs its text: {ReportText.GeneralSituationTitle} and {ReportText.ProblemsAndImprovementsTitle}");
        }

        if (ProactiveDisclosure is null)
        {
            throw new RuleViolationException("AS-8", $"the report needs table {Table2.Title}");
        }

        if (on.Year <= Year)
        {
            throw new InvalidInputException("published_on", $"the {Year} report is published after the year ends");
        }

        PublishedOn = on;
    }

    private void RequireDraft()
    {
        if (PublishedOn is not null)
        {
            throw new RuleViolationException("AS-8", $"the {Year} report was published on {PublishedOn:yyyy-MM-dd} and no longer changes");
        }
    }
}
