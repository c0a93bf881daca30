namespace Ogi.BuildingBlocks.Identity.PersonalData;

/// <summary>Masks personal data in responses: enough left to recognise, not enough to use.</summary>
public static class PersonalDataMask
{
    /// <summary>11010519491231002X → 110105********002X: region kept, birth date and sequence hidden.</summary>
    public static string IdNumber(string idNumber) => idNumber.Length switch
    {
        18 => idNumber[..6] + new string('*', 8) + idNumber[^4..],
        15 => idNumber[..6] + new string('*', 6) + idNumber[^3..],
        _ => KeepLast(idNumber, 4),
    };

    /// <summary>13812345678 → 138****5678; other forms keep only their last four digits.</summary>
    public static string Phone(string phone) =>
        phone.Length == 11 && phone.All(char.IsAsciiDigit)
            ? phone[..3] + "****" + phone[^4..]
            : KeepLast(phone, 4);

    private static string KeepLast(string value, int keep) =>
        value.Length <= keep ? new string('*', value.Length) : new string('*', value.Length - keep) + value[^keep..];
}
