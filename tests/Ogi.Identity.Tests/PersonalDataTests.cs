using Ogi.BuildingBlocks.Identity.PersonalData;
using Ogi.BuildingBlocks.Identity.Principals;
using static Ogi.BuildingBlocks.Testing.SampleAgencies;

namespace Ogi.Identity.Tests;

public sealed class PersonalDataTests
{
    [Theory]
    [InlineData("11010519491231002X", "110105********002X")]
    [InlineData("110105491231002", "110105******002")]
    public void Citizen_ID_numbers_are_masked_keeping_region_and_tail(string id, string masked) =>
        Assert.Equal(masked, PersonalDataMask.IdNumber(id));

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("0954-1234567", "********4567")]
    public void Phone_numbers_are_masked(string phone, string masked) => Assert.Equal(masked, PersonalDataMask.Phone(phone));

    [Fact]
    public void County_systems_and_other_agencies_get_masked_values()
    {
        Assert.Equal("138****5678", PersonalDataPolicy.For(Principal.CountySystem("xiji-oa", Xiji), XijiHousing).Phone("13812345678"));
        Assert.Equal("110105********002X", PersonalDataPolicy.For(Principal.Staff("p-1", LongdeHealth, StaffRole.Clerk), XijiHousing).IdNumber("11010519491231002X"));
        Assert.True(PersonalDataPolicy.For(Principal.Staff("p-2", CityGeneralOffice, StaffRole.Supervisor), XijiHousing).Masked);
    }

    [Fact]
    public void The_handling_agency_the_applicants_platform_and_platform_services_see_values_in_full()
    {
        Assert.Equal("11010519491231002X", PersonalDataPolicy.For(Principal.Staff("p-1", XijiHousing, StaffRole.Clerk), XijiHousing).IdNumber("11010519491231002X"));
        Assert.Equal("13812345678", PersonalDataPolicy.For(Principal.ProvincialPlatform("nx-portal"), XijiHousing).Phone("13812345678"));
        Assert.False(PersonalDataPolicy.For(Principal.PlatformService("accountability"), XijiHousing).Masked);
    }
}
