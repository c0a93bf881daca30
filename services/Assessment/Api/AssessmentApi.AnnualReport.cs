using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ogi.Assessment.Domain.AnnualReport;
using Ogi.Assessment.Persistence;
using Ogi.Assessment.ReadModel;
using Ogi.Assessment.Reports;
using Ogi.BuildingBlocks.Domain;
using Ogi.BuildingBlocks.Grpc;
using Intake = Ogi.Contracts.Intake.V1;
using Pb = Ogi.Contracts.Assessment.V1;

namespace Ogi.Assessment.Api;

public sealed partial class AssessmentApi
{
    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web);

    private sealed record CellCorrection(int Row, int Column, long Value);

    private sealed record LoadedReport(AnnualReportRow Row, AnnualReport Report, IReadOnlyList<ReviewCase> Cases, bool IsNew);

    public override async Task<Pb.GetAnnualReportResponse> GetAnnualReport(Pb.GetAnnualReportRequest request, ServerCallContext context) =>
        new() { Report = ToProto(await LoadReportAsync(request.AgencyCode, request.Year, context)) };

    public override async Task<Pb.EnterProactiveDisclosureResponse> EnterProactiveDisclosure(Pb.EnterProactiveDisclosureRequest request, ServerCallContext context)
    {
        var loaded = await LoadReportAsync(request.AgencyCode, request.Year, context);
        var f = request.Figures ?? throw new InvalidInputException("figures", "is required");
        var table = new Table2(Issuance(f.Rules, "figures.rules"), Issuance(f.NormativeDocuments, "figures.normative_documents"),
            f.LicensingDecisions, f.PenaltyDecisions, f.EnforcementDecisions, Convert.Decimal(f.FeesTenThousandYuan, "figures.fees_ten_thousand_yuan"));
        loaded.Report.EnterProactiveDisclosure(table);
        loaded.Row.Table2 = JsonSerializer.Serialize(table, ReportJson);
        await SaveReportAsync(loaded, context, "table 二 entered");
        return new() { Report = ToProto(loaded) };
    }

    public override async Task<Pb.WriteReportTextResponse> WriteReportText(Pb.WriteReportTextRequest request, ServerCallContext context)
    {
        var loaded = await LoadReportAsync(request.AgencyCode, request.Year, context);
        var t = request.Text ?? throw new InvalidInputException("text", "is required");
        var text = new ReportText(t.GeneralSituation, t.ProblemsAndImprovements, t.OtherMatters);
        loaded.Report.WriteText(text);
        loaded.Row.Text = JsonSerializer.Serialize(text, ReportJson);
        await SaveReportAsync(loaded, context, "text written");
        return new() { Report = ToProto(loaded) };
    }

    public override async Task<Pb.CorrectApplicationsCellResponse> CorrectApplicationsCell(Pb.CorrectApplicationsCellRequest request, ServerCallContext context)
    {
        var loaded = await LoadReportAsync(request.AgencyCode, request.Year, context);
        if (request.RowIndex < 0 || request.RowIndex >= Table3Layout.Rows.Count)
        {
            throw new InvalidInputException("row_index", $"table 三 has rows 0–{Table3Layout.Rows.Count - 1}");
        }

        if (request.Column < 0 || request.Column >= Table3Layout.ColumnCount)
        {
            throw new InvalidInputException("column", $"table 三 has columns 0–{Table3Layout.ColumnCount - 1}");
        }

        loaded.Report.ReplaceApplications(loaded.Report.Applications.With(Table3Layout.Rows[request.RowIndex], request.Column, request.Value));
        var corrections = JsonSerializer.Deserialize<List<CellCorrection>>(loaded.Row.Table3Corrections, ReportJson)!;
        corrections.RemoveAll(c => c.Row == request.RowIndex && c.Column == request.Column);
        corrections.Add(new CellCorrection(request.RowIndex, request.Column, request.Value));
        loaded.Row.Table3Corrections = JsonSerializer.Serialize(corrections, ReportJson);
        await SaveReportAsync(loaded, context, $"table 三 cell {request.RowIndex}×{request.Column} corrected");
        return new() { Report = ToProto(loaded) };
    }

    public override async Task<Pb.RecordReviewCaseResponse> RecordReviewCase(Pb.RecordReviewCaseRequest request, ServerCallContext context)
    {
        var loaded = await LoadReportAsync(request.AgencyCode, request.Year, context);
        var c = request.ReviewCase ?? throw new InvalidInputException("review_case", "is required");
        var recorded = new ReviewCase(Convert.Required(c.CaseReference, "review_case.case_reference"),
            Convert.Enum<ReviewProceeding>((int)c.Proceeding, "review_case.proceeding"), Convert.Enum<ReviewResult>((int)c.Result, "review_case.result"));
        var cases = loaded.Cases.Where(x => x.CaseReference != recorded.CaseReference).Append(recorded).ToList();
        loaded.Report.ReplaceReviewsAndLitigation(new Table4(cases));
        var row = await db.ReviewCases.FindAsync([loaded.Row.AgencyCode, loaded.Row.Year, recorded.CaseReference], context.CancellationToken);
        if (row is null)
        {
            db.ReviewCases.Add(new ReviewCaseRow
            {
                AgencyCode = loaded.Row.AgencyCode,
                Year = loaded.Row.Year,
                CaseReference = recorded.CaseReference,
                Proceeding = recorded.Proceeding.ToString(),
                Result = recorded.Result.ToString(),
            });
        }
        else
        {
            (row.Proceeding, row.Result) = (recorded.Proceeding.ToString(), recorded.Result.ToString());
        }

        await SaveReportAsync(loaded, context, "review case recorded");
        return new() { Report = ToProto(loaded with { Cases = cases }) };
    }

    public override async Task<Pb.PublishAnnualReportResponse> PublishAnnualReport(Pb.PublishAnnualReportRequest request, ServerCallContext context)
    {
        var loaded = await LoadReportAsync(request.AgencyCode, request.Year, context);
        // AS-8: refused, naming the cells, while 一 + 二 = 三（七） + 四 or a total does not hold.
        loaded.Report.Publish(Today);
        loaded.Row.PublishedOn = loaded.Report.PublishedOn;
        loaded.Row.PublishedTable3 = JsonSerializer.Serialize(Jagged(loaded.Report.Applications.Cells()), ReportJson);
        await SaveReportAsync(loaded, context, loaded.Report.PublishedLate ? "published late" : "published");
        return new() { Report = ToProto(loaded) };
    }

    public override async Task<Pb.RenderAnnualReportResponse> RenderAnnualReport(Pb.RenderAnnualReportRequest request, ServerCallContext context)
    {
        var loaded = await LoadReportAsync(request.AgencyCode, request.Year, context);
        return new()
        {
            FileName = $"{loaded.Report.Title}.docx",
            MediaType = AnnualReportDocument.MediaType,
            Content = Google.Protobuf.ByteString.CopyFrom(AnnualReportDocument.Render(loaded.Report)),
        };
    }

    private async Task<LoadedReport> LoadReportAsync(string agencyCode, int year, ServerCallContext context)
    {
        var agency = Convert.Required(agencyCode, "agency_code");
        if (year is < 2008 or > 2100)
        {
            throw new InvalidInputException("year", $"{year} is not a report year");
        }

        scope.Demand(Caller(context), agency);
        var name = directory.Get(agency).Name;
        // A people's government (…人民政府) publishes by 31 March, its departments by 31 January (AS-8).
        var body = name.EndsWith("人民政府", StringComparison.Ordinal) ? ReportingBody.Government : ReportingBody.Department;
        var ct = context.CancellationToken;
        var row = await db.AnnualReports.FindAsync([agency, year], ct);
        var isNew = row is null;
        row ??= new AnnualReportRow { AgencyCode = agency, Year = year, Table3Corrections = "[]", Version = 0 };
        var cases = (await db.ReviewCases.AsNoTracking().Where(c => c.AgencyCode == agency && c.Year == year).OrderBy(c => c.CaseReference).ToListAsync(ct))
            .Select(c => new ReviewCase(c.CaseReference, Enum.Parse<ReviewProceeding>(c.Proceeding), Enum.Parse<ReviewResult>(c.Result))).ToList();

        Table3 applications;
        if (row.PublishedTable3 is { } published)
        {
            applications = Table3.FromCells(Rectangular(JsonSerializer.Deserialize<long[][]>(published, ReportJson)!));
        }
        else
        {
            applications = await Table3Query.ComputeAsync(db, agency, year, ct);
            foreach (var c in JsonSerializer.Deserialize<List<CellCorrection>>(row.Table3Corrections, ReportJson)!)
            {
                applications = applications.With(Table3Layout.Rows[c.Row], c.Column, c.Value);
            }
        }

        var report = new AnnualReport(agency, name, year, body, applications, new Table4(cases));
        if (row.Text is { } text)
        {
            report.WriteText(JsonSerializer.Deserialize<ReportText>(text, ReportJson)!);
        }

        if (row.Table2 is { } table2)
        {
            report.EnterProactiveDisclosure(JsonSerializer.Deserialize<Table2>(table2, ReportJson)!);
        }

        if (row.PublishedOn is { } on)
        {
            report.Publish(on);
        }

        return new LoadedReport(row, report, cases, isNew);
    }

    private async Task SaveReportAsync(LoadedReport loaded, ServerCallContext context, string outcome)
    {
        if (loaded.IsNew)
        {
            db.AnnualReports.Add(loaded.Row);
        }

        loaded.Row.Version++;
        await SaveAsync(context, "AnnualReport", $"{loaded.Row.AgencyCode}/{loaded.Row.Year}", outcome);
    }

    private static IssuanceFigures Issuance(Pb.IssuanceFigures? f, string field) =>
        f is null ? throw new InvalidInputException(field, "is required") : new IssuanceFigures(f.IssuedThisYear, f.RepealedThisYear, f.InForce);

    private static long[][] Jagged(long[,] cells) =>
        Enumerable.Range(0, cells.GetLength(0)).Select(r => Enumerable.Range(0, cells.GetLength(1)).Select(c => cells[r, c]).ToArray()).ToArray();

    private static long[,] Rectangular(long[][] rows)
    {
        var cells = new long[rows.Length, rows.Length == 0 ? 0 : rows[0].Length];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                cells[r, c] = rows[r][c];
            }
        }

        return cells;
    }

    private static Pb.AnnualReport ToProto(LoadedReport loaded)
    {
        var report = loaded.Report;
        var proto = new Pb.AnnualReport
        {
            AgencyCode = report.AgencyCode,
            AgencyName = report.AgencyName,
            Year = report.Year,
            Body = Convert.Enum<Pb.ReportingBody>(report.Body),
            Title = report.Title,
            Applications = ToProto(report.Applications),
            ReviewsAndLitigation = new Pb.Table4
            {
                Cells = { report.ReviewsAndLitigation.Cells().Select(c => new Pb.Table4Cell { Group = c.Group, Column = c.Column, Count = c.Count }) },
                Cases = { loaded.Cases.Select(c => new Pb.ReviewCase { CaseReference = c.CaseReference, Proceeding = Convert.Enum<Pb.ReviewProceeding>(c.Proceeding), Result = Convert.Enum<Pb.ReviewResult>(c.Result) }) },
            },
            Discrepancies = { report.Applications.Check().Select(d => new Pb.Table3Discrepancy { Cell = d.Cell, Actual = d.Actual, Expected = d.Expected, Check = d.Check }) },
            PublicationDue = Convert.Date(report.PublicationDue),
            InternalUnitReportDue = Convert.Date(ReportDueDates.InternalUnitReportDue(report.Year)),
            PublishedOn = Convert.Date(report.PublishedOn),
            PublishedLate = report.PublishedLate,
        };
        if (report.Text is { } text)
        {
            proto.Text = new Pb.ReportText { GeneralSituation = text.GeneralSituation, ProblemsAndImprovements = text.ProblemsAndImprovements, OtherMatters = text.OtherMatters };
        }

        if (report.ProactiveDisclosure is { } t2)
        {
            proto.ProactiveDisclosure = new Pb.Table2
            {
                Rules = new Pb.IssuanceFigures { IssuedThisYear = t2.Rules.IssuedThisYear, RepealedThisYear = t2.Rules.RepealedThisYear, InForce = t2.Rules.InForce },
                NormativeDocuments = new Pb.IssuanceFigures { IssuedThisYear = t2.NormativeDocuments.IssuedThisYear, RepealedThisYear = t2.NormativeDocuments.RepealedThisYear, InForce = t2.NormativeDocuments.InForce },
                LicensingDecisions = t2.LicensingDecisions,
                PenaltyDecisions = t2.PenaltyDecisions,
                EnforcementDecisions = t2.EnforcementDecisions,
                FeesTenThousandYuan = Convert.Text(t2.FeesTenThousandYuan),
            };
        }

        return proto;
    }

    private static Pb.Table3 ToProto(Table3 table)
    {
        var proto = new Pb.Table3 { ColumnLabels = { Enumerable.Range(0, Table3Layout.ColumnCount).Select(Table3Layout.ColumnLabel) } };
        foreach (var row in Table3Layout.Rows)
        {
            var protoRow = new Pb.Table3Row { Index = row.Index, Section = row.Section, Heading = row.Heading ?? "", Label = row.Label };
            var reasonIndex = row.Index - Table3Layout.ReasonRows[0].Index;
            if (reasonIndex >= 0 && reasonIndex < Table3Layout.ReasonRows.Count)
            {
                var reason = (OutcomeReason)reasonIndex;
                protoRow.Outcome = Convert.Enum<Intake.ReplyOutcome>(reason.Outcome());
                protoRow.Reason = Convert.Reason(reason);
            }
            else if (row == Table3Layout.Disclosed || row == Table3Layout.PartiallyDisclosed)
            {
                protoRow.Outcome = row == Table3Layout.Disclosed ? Intake.ReplyOutcome.Disclosed : Intake.ReplyOutcome.PartiallyDisclosed;
            }

            for (var c = 0; c < Table3Layout.ColumnCount; c++)
            {
                protoRow.Counts.Add(table[row, c]);
            }

            proto.Rows.Add(protoRow);
        }

        return proto;
    }
}
