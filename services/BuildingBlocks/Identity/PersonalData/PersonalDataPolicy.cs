using Ogi.BuildingBlocks.Identity.Principals;

namespace Ogi.BuildingBlocks.Identity.PersonalData;

/// <summary>
/// Decides whether a caller sees an applicant's ID and phone numbers in full. Those who need them: staff of the agency
/// handling the application, the provincial platform acting for the applicant, and the platform's own services.
/// Everyone else — county systems, other agencies' staff, supervision — gets them masked.
/// </summary>
public static class PersonalDataPolicy
{
    public static bool SeesInFull(Principal caller, string handlingAgencyCode) => caller.Kind switch
    {
        PrincipalKind.ProvincialPlatform or PrincipalKind.PlatformService => true,
        PrincipalKind.Staff => caller.AgencyCode == handlingAgencyCode,
        _ => false,
    };

    /// <summary>The view of personal data to put into a response for <paramref name="caller"/>.</summary>
    public static PersonalDataView For(Principal caller, string handlingAgencyCode) => new(!SeesInFull(caller, handlingAgencyCode));
}

/// <summary>Applies <see cref="PersonalDataPolicy"/>'s decision to each value written into a response.</summary>
public sealed class PersonalDataView(bool masked)
{
    public bool Masked { get; } = masked;

    public string IdNumber(string idNumber) => Masked && idNumber.Length > 0 ? PersonalDataMask.IdNumber(idNumber) : idNumber;

    public string Phone(string phone) => Masked && phone.Length > 0 ? PersonalDataMask.Phone(phone) : phone;
}
