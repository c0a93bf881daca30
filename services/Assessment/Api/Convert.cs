using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Ogi.BuildingBlocks.Domain;
using DomainReason = Ogi.Assessment.Domain.AnnualReport.OutcomeReason;
using ProtoReason = Ogi.Contracts.Intake.V1.OutcomeReason;

namespace Ogi.Assessment.Api;

/// <summary>Wire ↔ domain: decimals as exact strings, dates, timestamps, and enums whose proto value is the domain index + 1.</summary>
internal static class Convert
{
    private static readonly ProtoReason[] ProtoReasons = [.. System.Enum.GetValues<ProtoReason>().Where(r => r != ProtoReason.Unspecified).Order()];

    public static decimal Decimal(string value, string field) =>
        decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw new InvalidInputException(field, $"\"{value}\" is not a decimal number");

    public static decimal? OptionalDecimal(string value, string field) => string.IsNullOrEmpty(value) ? null : Decimal(value, field);

    public static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A final score as published: two decimals ("87.50"), the precision it was rounded to.</summary>
    public static string Score(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public static Guid Id(string value, string field) =>
        Guid.TryParse(value, out var id) ? id : throw new InvalidInputException(field, $"\"{value}\" is not an id");

    public static string Required(string value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidInputException(field, "is required") : value;

    public static DateOnly Date(Google.Type.Date? date, string field)
    {
        if (date is null)
        {
            throw new InvalidInputException(field, "is required");
        }

        try
        {
            return new DateOnly(date.Year, date.Month, date.Day);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new InvalidInputException(field, $"{date.Year}-{date.Month}-{date.Day} is not a date");
        }
    }

    public static DateOnly? OptionalDate(Google.Type.Date? date) =>
        date is null || date.Year == 0 ? null : new DateOnly(date.Year, date.Month, date.Day);

    public static Google.Type.Date? Date(DateOnly? day) =>
        day is { } d ? new Google.Type.Date { Year = d.Year, Month = d.Month, Day = d.Day } : null;

    public static Timestamp Time(DateTimeOffset at) => Timestamp.FromDateTimeOffset(at);

    /// <summary>A proto enum value to the domain enum of the same order (proto 0 is UNSPECIFIED).</summary>
    public static TDomain Enum<TDomain>(int protoValue, string field)
        where TDomain : struct, System.Enum
    {
        var index = protoValue - 1;
        return protoValue > 0 && System.Enum.IsDefined(typeof(TDomain), index)
            ? (TDomain)System.Enum.ToObject(typeof(TDomain), index)
            : throw new InvalidInputException(field, $"{protoValue} is not one of the values of {typeof(TDomain).Name}");
    }

    public static TProto Enum<TProto>(System.Enum domain)
        where TProto : struct, System.Enum =>
        (TProto)System.Enum.ToObject(typeof(TProto), System.Convert.ToInt32(domain, CultureInfo.InvariantCulture) + 1);

    /// <summary>Sub-reasons are numbered by outcome on the wire (301 …); both lists follow table 三's order.</summary>
    public static DomainReason Reason(ProtoReason reason, string field)
    {
        var index = Array.IndexOf(ProtoReasons, reason);
        return index >= 0 ? (DomainReason)index : throw new InvalidInputException(field, $"{reason} is not a sub-reason of table 三");
    }

    public static ProtoReason Reason(DomainReason reason) => ProtoReasons[(int)reason];
}
