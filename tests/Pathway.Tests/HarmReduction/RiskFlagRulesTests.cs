using Pathway.HarmReduction;
using Pathway.Safeguarding;

namespace Pathway.Tests.HarmReduction;

public class RiskFlagRulesTests
{
    private static readonly DateOnly Birth = new(1990, 6, 15);
    private static readonly DateOnly Today = new(2026, 12, 2);

    [Theory]
    [InlineData("2026-12-02", null)]
    [InlineData("2026-12-03", "must not be in the future")]
    [InlineData("1990-06-15", null)]
    [InlineData("1990-06-14", RiskFlagRules.BeforeBirth)]
    public void AMaracReferralIsNotInTheFutureNorBeforeBirth(string date, string? reason) =>
        Assert.Equal(reason, RiskFlagRules.MaracReferralDate(true, DateOnly.Parse(date), Birth, Today));

    [Fact]
    public void AMaracReferralNeedsDomesticAbuse() =>
        Assert.Equal(RiskFlagRules.MaracOnlyWithDomesticAbuse, RiskFlagRules.MaracReferralDate(false, Today, Birth, Today));

    [Theory]
    [InlineData(true, 0, "must be a whole number from 1 to 20")]
    [InlineData(true, 1, null)]
    [InlineData(true, 20, null)]
    [InlineData(true, 21, "must be a whole number from 1 to 20")]
    [InlineData(false, 1, RiskFlagRules.CountOnlyWithChildren)]
    [InlineData(null, 1, RiskFlagRules.CountOnlyWithChildren)]
    public void TheNumberOfChildrenIsFrom1To20AndOnlyWithChildren(bool? children, int count, string? reason) =>
        Assert.Equal(reason, RiskFlagRules.ChildrenCount(children, count));

    [Theory]
    [InlineData(OverdoseRisk.Low, "", null)]
    [InlineData(OverdoseRisk.Medium, " ", RiskFlagRules.ReasonRequired)]
    [InlineData(OverdoseRisk.High, "", RiskFlagRules.ReasonRequired)]
    [InlineData(OverdoseRisk.High, "Recent overdose", null)]
    [InlineData(null, "Recent overdose", RiskFlagRules.ReasonWithoutRisk)]
    public void AMediumOrHighOverdoseRiskSaysWhy(OverdoseRisk? risk, string reason, string? expected) =>
        Assert.Equal(expected, RiskFlagRules.OverdoseRiskReason(risk, reason));

    [Fact]
    public void AReasonOf500CharactersIsKeptAnd501Refused()
    {
        Assert.Null(RiskFlagRules.OverdoseRiskReason(OverdoseRisk.High, new string('a', 500)));
        Assert.NotNull(RiskFlagRules.OverdoseRiskReason(OverdoseRisk.High, new string('a', 501)));
    }

    [Fact]
    public void TheFormsMessagesNameTheFieldsInOrder()
    {
        var input = new RiskFlagsInput { ChildrenInHousehold = false, ChildrenCount = "2", DomesticAbuse = null, MaracReferralDate = Today.AddDays(1), OverdoseRisk = OverdoseRisk.High };
        Assert.Equal(
        [
            ("ChildrenCount", "Number of children can only be given when there are children in the household"),
            ("DomesticAbuse", "Domestic abuse must be answered: select yes or no"),
            ("MaracReferralDate", "MARAC referral date can only be given when domestic abuse is recorded"),
            ("OverdoseRiskReason", "Reason for the overdose risk must be given for a medium or high overdose risk"),
        ], RiskFlagRules.Check(input, Birth, Today));
    }

    [Fact]
    public void FlagsShowOnlyWhatIsPresent()
    {
        Assert.Empty(RiskFlagRules.Tags(new RiskFlags { ChildrenInHousehold = false, DomesticAbuse = false }));
        Assert.Equal(
            [new FlagTag("Overdose risk: medium", "orange"), new FlagTag("Domestic abuse (MARAC 3 November 2026)", "red"), new FlagTag("Children in household: 2", "purple")],
            RiskFlagRules.Tags(new RiskFlags { ChildrenInHousehold = true, ChildrenCount = 2, DomesticAbuse = true, MaracReferralDate = new DateOnly(2026, 11, 3), OverdoseRisk = OverdoseRisk.Medium }));
    }

    [Theory]
    [InlineData(HarmReductionKind.NaloxoneKit, null, HarmReductionRules.RecipientRequired)]
    [InlineData(HarmReductionKind.NaloxoneKit, NaloxoneRecipient.Client, null)]
    [InlineData(HarmReductionKind.NeedleSyringePack, NaloxoneRecipient.Client, HarmReductionRules.RecipientOnlyForNaloxone)]
    [InlineData(HarmReductionKind.HivTest, null, null)]
    public void ANaloxoneKitNamesWhoItWentToAndNothingElseDoes(HarmReductionKind kind, NaloxoneRecipient? recipient, string? reason) =>
        Assert.Equal(reason, HarmReductionRules.Recipient(kind, recipient));

    [Theory]
    [InlineData("2026-11-30", null)]
    [InlineData("2026-12-01", "must not be after the discharge date")]
    [InlineData("2026-01-09", "must not be before the referral date")]
    public void AnEventBelongsBetweenReferralAndDischarge(string date, string? reason) =>
        Assert.Equal(reason, HarmReductionRules.Date(DateOnly.Parse(date), new DateOnly(2026, 1, 10), new DateOnly(2026, 11, 30)));

    [Theory]
    [InlineData(HarmReductionKind.HepBVaccination, "4", null)]
    [InlineData(HarmReductionKind.HepBVaccination, "5", "Quantity must be the dose number of the vaccination, 1 to 4")]
    [InlineData(HarmReductionKind.NeedleSyringePack, "99", null)]
    [InlineData(HarmReductionKind.NeedleSyringePack, "0", "Quantity must be a whole number from 1 to 99")]
    [InlineData(HarmReductionKind.NeedleSyringePack, "two", "Quantity must be a whole number from 1 to 99")]
    [InlineData(HarmReductionKind.HivTest, "2", "Quantity must be 1 for a test")]
    public void TheQuantityFollowsTheLoadersRule(HarmReductionKind kind, string quantity, string? message)
    {
        var input = new HarmReductionInput { Kind = kind, Date = Today, Quantity = quantity, Result = HarmReductionRules.IsTest(kind) ? HarmReductionResult.Negative : null };
        var errors = HarmReductionRecords.Check(input, Today.AddYears(-1), null, Today);
        Assert.Equal(message, errors.Where(e => e.Field == "Quantity").Select(e => e.Message).SingleOrDefault());
    }
}
