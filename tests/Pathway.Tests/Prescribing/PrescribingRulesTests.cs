using Pathway.Episodes;
using Pathway.HarmReduction;
using Pathway.Prescribing;

namespace Pathway.Tests.Prescribing;

/// <summary>The rules of prescriptions and harm-reduction events at each boundary: one place, used by the loader and the pages to come.</summary>
public class PrescribingRulesTests
{
    [Theory]
    [InlineData("0", PrescriptionRules.DoseOutOfRange)]
    [InlineData("0.1", null)]
    [InlineData("500", null)]
    [InlineData("500.1", PrescriptionRules.DoseOutOfRange)]
    [InlineData("30.25", PrescriptionRules.DoseTooPrecise)]
    [InlineData("0.05", PrescriptionRules.DoseTooPrecise)]
    [InlineData("30.50", null)]
    [InlineData("-5", PrescriptionRules.DoseOutOfRange)]
    public void ADoseIsMoreThan0AndAtMost500MgToOneDecimalPlace(string dose, string? reason) =>
        Assert.Equal(reason, PrescriptionRules.DoseMg(decimal.Parse(dose, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(1, Medicine.MethadoneOralSolution, null)]
    [InlineData(7, Medicine.BuprenorphineProlongedReleaseInjection, null)]
    [InlineData(28, Medicine.BuprenorphineProlongedReleaseInjection, null)]
    [InlineData(7, Medicine.MethadoneOralSolution, PrescriptionRules.LongIntervalNotInjection)]
    [InlineData(28, Medicine.BuprenorphineSublingual, PrescriptionRules.LongIntervalNotInjection)]
    [InlineData(2, Medicine.MethadoneOralSolution, PrescriptionRules.NotAnInterval)]
    [InlineData(14, Medicine.BuprenorphineProlongedReleaseInjection, PrescriptionRules.NotAnInterval)]
    public void AnIntervalIs1DailyOr7And28OnlyForAProlongedReleaseInjection(int days, Medicine medicine, string? reason) =>
        Assert.Equal(reason, PrescriptionRules.DoseIntervalDays(days, medicine));

    [Fact]
    public void AnEndBeforeTheStartIsRefusedAndTheSameDayIsKept()
    {
        var start = new DateOnly(2025, 3, 10);
        Assert.Equal("must not be before the start date", PrescriptionRules.EndDate(start.AddDays(-1), start));
        Assert.Null(PrescriptionRules.EndDate(start, start));
    }

    [Fact]
    public void AStartBeforeTheReferralIsRefused()
    {
        var referral = new DateOnly(2025, 3, 10);
        Assert.Equal(EpisodeRules.BeforeReferral, PrescriptionRules.StartDate(referral.AddDays(-1), referral));
        Assert.Null(PrescriptionRules.StartDate(referral, referral));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(7, true)]
    [InlineData(8, false)]
    [InlineData(-1, false)]
    public void SupervisedDaysAre0To7(int days, bool kept) =>
        Assert.Equal(kept, PrescriptionRules.SupervisedDaysPerWeek(days) is null);

    [Theory]
    [InlineData("FA123", true)]
    [InlineData("FX001", true)]
    [InlineData("FABCD", true)]
    [InlineData("1A123", false)]
    [InlineData("FA12", false)]
    [InlineData("FA1234", false)]
    [InlineData("fa123", false)]
    [InlineData("FA-23", false)]
    public void AnOdsCodeIsALetterThen4LettersOrDigits(string code, bool kept) =>
        Assert.Equal(kept, PrescriptionRules.PharmacyOdsCode(code) is null);

    [Theory]
    [InlineData(HarmReductionKind.DrugTest, HarmReductionResult.Positive, null)]
    [InlineData(HarmReductionKind.HepCAntibodyTest, HarmReductionResult.Negative, null)]
    [InlineData(HarmReductionKind.HivTest, HarmReductionResult.Declined, null)]
    [InlineData(HarmReductionKind.HepCRnaTest, HarmReductionResult.NotApplicable, HarmReductionRules.TestResult)]
    [InlineData(HarmReductionKind.NaloxoneKit, HarmReductionResult.NotApplicable, null)]
    [InlineData(HarmReductionKind.NaloxoneKit, HarmReductionResult.Negative, HarmReductionRules.NotATestResult)]
    [InlineData(HarmReductionKind.HepBVaccination, HarmReductionResult.NotApplicable, null)]
    [InlineData(HarmReductionKind.HepBVaccination, HarmReductionResult.Declined, HarmReductionRules.NotATestResult)]
    [InlineData(HarmReductionKind.NeedleSyringePack, HarmReductionResult.Positive, HarmReductionRules.NotATestResult)]
    public void ATestHasAResultAndEveryOtherKindIsNotApplicable(HarmReductionKind kind, HarmReductionResult result, string? reason) =>
        Assert.Equal(reason, HarmReductionRules.Result(kind, result));

    [Theory]
    [InlineData(HarmReductionKind.NaloxoneKit, 1, null)]
    [InlineData(HarmReductionKind.NeedleSyringePack, 99, null)]
    [InlineData(HarmReductionKind.NeedleSyringePack, 100, "must be a whole number from 1 to 99")]
    [InlineData(HarmReductionKind.NaloxoneKit, 0, "must be a whole number from 1 to 99")]
    [InlineData(HarmReductionKind.HepBVaccination, 4, null)]
    [InlineData(HarmReductionKind.HepBVaccination, 5, HarmReductionRules.VaccinationDose)]
    [InlineData(HarmReductionKind.DrugTest, 1, null)]
    [InlineData(HarmReductionKind.HivTest, 2, HarmReductionRules.OneTest)]
    public void AQuantityIsKitsOrPacksUpTo99TheDoseNumberUpTo4OrOneTest(HarmReductionKind kind, int quantity, string? reason) =>
        Assert.Equal(reason, HarmReductionRules.Quantity(kind, quantity));

    [Theory]
    [InlineData(HarmReductionKind.DrugTest, true, null)]
    [InlineData(HarmReductionKind.DrugTest, false, HarmReductionRules.SubstanceRequired)]
    [InlineData(HarmReductionKind.HepCAntibodyTest, true, HarmReductionRules.SubstanceOnlyForDrugTest)]
    [InlineData(HarmReductionKind.NaloxoneKit, false, null)]
    public void ASubstanceIsForADrugTestOnly(HarmReductionKind kind, bool substance, string? reason) =>
        Assert.Equal(reason, HarmReductionRules.Substance(kind, substance));

    [Fact]
    public void TheCodesAreTheSpecsWords()
    {
        Assert.Equal(
            ["methadone_oral_solution", "buprenorphine_sublingual", "buprenorphine_oral_lyophilisate", "buprenorphine_prolonged_release_injection",
             "naltrexone", "acamprosate", "disulfiram", "chlordiazepoxide", "other"],
            Enum.GetValues<Medicine>().Select(Pathway.Infrastructure.Codes<Medicine>.Code));
        Assert.Equal(
            ["naloxone_kit", "needle_syringe_pack", "drug_test", "hep_c_antibody_test", "hep_c_rna_test", "hep_b_vaccination", "hiv_test"],
            Enum.GetValues<HarmReductionKind>().Select(Pathway.Infrastructure.Codes<HarmReductionKind>.Code));
        Assert.Equal(["positive", "negative", "declined", "not_applicable"],
            Enum.GetValues<HarmReductionResult>().Select(Pathway.Infrastructure.Codes<HarmReductionResult>.Code));
    }
}
