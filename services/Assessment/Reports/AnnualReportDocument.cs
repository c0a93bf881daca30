using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Ogi.Assessment.Domain.AnnualReport;

namespace Ogi.Assessment.Reports;

/// <summary>
/// Renders an annual report (AS-8) as a Word document in the national layout (国办公开办函〔2021〕30号): the title, the
/// text parts 一 and 五、六, and tables 二, 三 and 四 with their printed headings, in 仿宋 with 宋体 tables.
/// </summary>
public static class AnnualReportDocument
{
    public const string MediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const string BodyFont = "仿宋_GB2312";
    private const string TableFont = "宋体";
    private const string TitleFont = "方正小标宋简体";

    public static byte[] Render(AnnualReport report)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            main.Document = new Document(body);

            body.Append(Paragraph(report.Title, TitleFont, 44, bold: false, centred: true));
            body.Append(Paragraph(ReportText.GeneralSituationTitle, BodyFont, 32, bold: true));
            body.Append(Paragraph(report.Text?.GeneralSituation ?? "", BodyFont, 32, indent: true));

            body.Append(Paragraph(Table2.Title, BodyFont, 32, bold: true));
            body.Append(Table2Of(report.ProactiveDisclosure));

            body.Append(Paragraph(Table3Layout.Title, BodyFont, 32, bold: true));
            body.Append(Table3Of(report.Applications));

            body.Append(Paragraph(Table4.Title, BodyFont, 32, bold: true));
            body.Append(Table4Of(report.ReviewsAndLitigation));

            body.Append(Paragraph(ReportText.ProblemsAndImprovementsTitle, BodyFont, 32, bold: true));
            body.Append(Paragraph(report.Text?.ProblemsAndImprovements ?? "", BodyFont, 32, indent: true));
            body.Append(Paragraph(ReportText.OtherMattersTitle, BodyFont, 32, bold: true));
            body.Append(Paragraph(report.Text?.OtherMatters ?? "", BodyFont, 32, indent: true));
            body.Append(new SectionProperties(new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 2098, Bottom = 1984, Left = 1588U, Right = 1474U }));
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static Table Table2Of(Table2? figures)
    {
        var table = NewTable(6);
        table.Append(Row(Cell("信息内容", 3), Cell("本年制发件数"), Cell("本年废止件数"), Cell("现行有效件数")));
        table.Append(Row(Cell("第二十条第（一）项", 6)));
        table.Append(Row(Cell("规章", 3), Number(figures?.Rules.IssuedThisYear), Number(figures?.Rules.RepealedThisYear), Number(figures?.Rules.InForce)));
        table.Append(Row(Cell("行政规范性文件", 3), Number(figures?.NormativeDocuments.IssuedThisYear), Number(figures?.NormativeDocuments.RepealedThisYear),
            Number(figures?.NormativeDocuments.InForce)));
        table.Append(Row(Cell("第二十条第（五）项", 6)));
        table.Append(Row(Cell("信息内容", 3), Cell("本年处理决定数量", 3)));
        table.Append(Row(Cell("行政许可", 3), Number(figures?.LicensingDecisions, 3)));
        table.Append(Row(Cell("第二十条第（六）项", 6)));
        table.Append(Row(Cell("信息内容", 3), Cell("本年处理决定数量", 3)));
        table.Append(Row(Cell("行政处罚", 3), Number(figures?.PenaltyDecisions, 3)));
        table.Append(Row(Cell("行政强制", 3), Number(figures?.EnforcementDecisions, 3)));
        table.Append(Row(Cell("第二十条第（八）项", 6)));
        table.Append(Row(Cell("信息内容", 3), Cell("本年收费金额（万元）", 3)));
        table.Append(Row(Cell("行政事业性收费", 3), Cell(figures is null ? "" : figures.FeesTenThousandYuan.ToString(CultureInfo.InvariantCulture), 3)));
        return table;
    }

    private static Table Table3Of(Table3 applications)
    {
        var table = NewTable(3 + Table3Layout.ColumnCount);
        // Header: 申请人情况 over the columns; 法人或其他组织 over its five types.
        table.Append(Row(Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, vMerge: MergedCellValues.Restart),
            Cell("申请人情况", 7)));
        table.Append(Row(Cell("", 3, vMerge: MergedCellValues.Continue), Cell(Table3Layout.NaturalPersonGroup, vMerge: MergedCellValues.Restart),
            Cell(Table3Layout.OrganisationGroup, 5), Cell(Table3Layout.ColumnLabel(Table3Layout.TotalColumn), vMerge: MergedCellValues.Restart)));
        table.Append(Row(
            [Cell("", 3, vMerge: MergedCellValues.Continue), Cell("", vMerge: MergedCellValues.Continue),
             .. Enumerable.Range(1, 5).Select(c => Cell(Table3Layout.ColumnLabel(c))), Cell("", vMerge: MergedCellValues.Continue)]));
        foreach (var row in Table3Layout.Rows)
        {
            var label = row.Heading is null ? Cell(row.Label, 3) : Cell(row.Label, 2);
            var cells = new List<TableCell>();
            if (row.Heading is not null)
            {
                // The outcome heading spans its sub-reason rows, as printed.
                var first = Table3Layout.ReasonRows.First(r => r.Heading == row.Heading) == row;
                cells.Add(Cell(first ? row.Heading : "", vMerge: first ? MergedCellValues.Restart : MergedCellValues.Continue));
            }

            cells.Add(label);
            cells.AddRange(Enumerable.Range(0, Table3Layout.ColumnCount).Select(c => Number(applications[row, c])));
            table.Append(Row([.. cells]));
        }

        return table;
    }

    private static Table Table4Of(Table4 reviews)
    {
        var table = NewTable(15);
        var groups = reviews.Cells().GroupBy(c => c.Group).ToList();
        table.Append(Row([.. groups.Select(g => Cell(g.Key, g.Count()))]));
        table.Append(Row([.. groups.SelectMany(g => g.Select(c => Cell(c.Column)))]));
        table.Append(Row([.. groups.SelectMany(g => g.Select(c => Number(c.Count)))]));
        return table;
    }

    private static Paragraph Paragraph(string text, string font, int halfPoints, bool bold = false, bool centred = false, bool indent = false)
    {
        var properties = new ParagraphProperties(new SpacingBetweenLines { Line = "560", LineRule = LineSpacingRuleValues.Exact });
        if (centred)
        {
            properties.Append(new Justification { Val = JustificationValues.Center });
        }

        if (indent)
        {
            properties.Append(new Indentation { FirstLineChars = 200 });
        }

        return new Paragraph(properties, Run(text, font, halfPoints, bold));
    }

    private static Run Run(string text, string font, int halfPoints, bool bold)
    {
        var properties = new RunProperties(new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font },
            new FontSize { Val = halfPoints.ToString(CultureInfo.InvariantCulture) });
        if (bold)
        {
            properties.Append(new Bold());
        }

        return new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    private static Table NewTable(int columns)
    {
        var table = new Table(new TableProperties(
        new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
        new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })));
        // Word requires the grid; equal columns over the text width (A4 less margins, in twentieths of a point).
        table.Append(new TableGrid(Enumerable.Range(0, columns).Select(_ => new GridColumn { Width = (8844 / columns).ToString(CultureInfo.InvariantCulture) })));
        return table;
    }

    private static TableRow Row(params TableCell[] cells) => new(cells);

    private static TableCell Cell(string text, int span = 1, MergedCellValues? vMerge = null)
    {
        var properties = new TableCellProperties(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
        if (span > 1)
        {
            properties.Append(new GridSpan { Val = span });
        }

        if (vMerge is { } merge)
        {
            properties.Append(new VerticalMerge { Val = merge });
        }

        return new TableCell(properties, new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }), Run(text, TableFont, 21, bold: false)));
    }

    private static TableCell Number(long? value, int span = 1) => Cell(value?.ToString(CultureInfo.InvariantCulture) ?? "", span);
}
