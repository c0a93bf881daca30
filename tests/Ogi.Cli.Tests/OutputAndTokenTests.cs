using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Ogi.Contracts.Intake.V1;

namespace Ogi.Cli.Tests;

public sealed class OutputAndTokenTests
{
    [Fact]
    public void Text_output_shows_each_enum_value_with_its_Chinese_label_and_dates_plainly()
    {
        using var writer = new StringWriter();
        new Output(writer, json: false).Message(new ReplyIssued
        {
            TrackingNumber = "NX-2026-000001",
            Outcome = ReplyOutcome.NotDisclosed,
            Reason = OutcomeReason.StateSecret,
            RepliedOn = new Google.Type.Date { Year = 2026, Month = 2, Day = 27 },
        });

        var text = writer.ToString();
        Assert.Contains("outcome: 不予公开 (REPLY_OUTCOME_NOT_DISCLOSED)", text, StringComparison.Ordinal);
        Assert.Contains("reason: 属于国家秘密 (OUTCOME_REASON_STATE_SECRET)", text, StringComparison.Ordinal);
        Assert.Contains("repliedOn: 2026-02-27", text, StringComparison.Ordinal);
        Assert.DoesNotContain("late", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_is_protobufs_JSON_mapping()
    {
        using var writer = new StringWriter();
        new Output(writer, json: true).Message(new ReplyIssued { TrackingNumber = "NX-2026-000002", Outcome = ReplyOutcome.Disclosed, Late = true });

        using var json = JsonDocument.Parse(writer.ToString());
        Assert.Equal("REPLY_OUTCOME_DISCLOSED", json.RootElement.GetProperty("outcome").GetString());
        Assert.True(json.RootElement.GetProperty("late").GetBoolean());
    }

    [Fact]
    public async Task Token_mints_a_staff_token_with_the_roles_asked_for()
    {
        var run = await CliRun.InvokeAsync("token", "--person", "clerk-1", "--agency", "11640402MB00000071", "--role", "clerk", "--role", "office-head");

        Assert.Equal(0, run.ExitCode);
        var token = new JsonWebToken(run.Output.Trim());
        Assert.Equal("clerk-1", token.Subject);
        Assert.Equal(["clerk", "office-head"], token.Claims.Where(c => c.Type == "ogi_roles").Select(c => c.Value).Order());
    }

    [Fact]
    public async Task An_unknown_role_or_a_missing_agency_is_a_usage_mistake_explained_in_one_line()
    {
        var unknown = await CliRun.InvokeAsync("token", "--person", "p", "--agency", "11640402MB00000071", "--role", "mayor");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("ogi: unknown role 'mayor'", unknown.Error.Trim());

        var county = await CliRun.InvokeAsync("token", "--county", "county-1");
        Assert.Equal(2, county.ExitCode);
        Assert.Contains("--county needs --agency", county.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Services_follow_the_base_port_in_a_fixed_order_and_an_unknown_one_is_refused()
    {
        var endpoints = new Endpoints("10.0.0.5", 6000);

        Assert.Equal("http://10.0.0.5:6002", endpoints.Address("coordination"));
        Assert.Throws<ArgumentException>(() => endpoints.Address("billing"));
    }
}
