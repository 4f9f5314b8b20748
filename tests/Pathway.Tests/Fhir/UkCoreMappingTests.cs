using Pathway.Assessments;
using Pathway.CarePlans;
using Pathway.Episodes;
using Pathway.Fhir;
using Pathway.OutcomeReviews;
using Pathway.People;
using Pathway.Prescribing;

namespace Pathway.Tests.Fhir;

/// <summary>Each mapping, on synthetic records with every optional part filled and left empty, validates against its UK Core profile.</summary>
public class UkCoreMappingTests
{
    private static (ClientRecord Client, Episode Episode) Records(bool full)
    {
        var person = new Person { Id = 3, Initials = "AB", DateOfBirth = new DateOnly(1980, 2, 29), Sex = full ? Sex.Female : Sex.NotStated };
        var client = new ClientRecord
        {
            Id = 7, Source = "NEWCO", ClientRef = "NEWCO-C000007", Person = person, PersonId = 3, LocalAuthorityCode = "E08000007",
            NhsNumber = full ? "9434765919" : null, GivenName = full ? "Alex" : null, FamilyName = full ? "Brown" : null,
            PostcodeDistrict = full ? "SK1" : null,
        };
        var episode = new Episode
        {
            Id = 11, Source = "NEWCO", EpisodeRef = "NEWCO-E000011", ClientRecord = client, ClientRecordId = 7, Person = person, PersonId = 3,
            ProviderCode = "NEWCO", ReferralDate = new DateOnly(2026, 1, 5), TriageDate = full ? new DateOnly(2026, 1, 9) : null,
            DischargeDate = full ? new DateOnly(2026, 6, 1) : null,
        };
        return (client, episode);
    }

    [Theory, InlineData(true), InlineData(false)]
    public void EveryResourceValidatesAgainstItsProfile(bool full)
    {
        var (client, episode) = Records(full);
        var contact = full ? new ClientContact { AddressLine1 = "1 High Street", Town = "Stockport", Postcode = "SK1 3XE", Phone = "07700900123", Email = "a@example.org" } : null;
        UkCoreValidator.AssertValid(UkCore.Patient(client, contact));
        UkCoreValidator.AssertValid(UkCore.EpisodeOfCare(episode, full ? "New Company" : null));
        UkCoreValidator.AssertValid(UkCore.Screening(new Screening { Id = 2, EpisodeId = 11, Tool = ScreeningTool.AuditC, Date = new DateOnly(2026, 1, 9), Answers = "4,2,1", Score = 7 }, 7));
        UkCoreValidator.AssertValid(UkCore.Screening(new Screening { Id = 3, EpisodeId = 11, Tool = ScreeningTool.Sadq, Date = new DateOnly(2026, 1, 9), Answers = "", Score = 0 }, 7));
        UkCoreValidator.AssertValid(UkCore.OutcomeReview(new OutcomeReview { Id = 4, EpisodeId = 11, Date = new DateOnly(2026, 2, 1), AlcoholUnitsPerDrinkingDay = full ? 12 : null, PhysicalHealth = 14 }, 7));
        var goals = full ? new List<RecoveryGoal>
        {
            new() { Id = 1, EpisodeId = 11, Description = "Cut down", Status = GoalStatus.Achieved, SetOn = new DateOnly(2026, 1, 9) },
            new() { Id = 2, EpisodeId = 11, Description = "Back to work", Status = GoalStatus.NotStarted, SetOn = new DateOnly(2026, 1, 9) },
        } : [];
        UkCoreValidator.AssertValid(UkCore.CarePlan(episode, goals));
        UkCoreValidator.AssertValid(UkCore.Prescription(new Prescription
        {
            Id = 5, Source = "NEWCO", PrescriptionRef = "NEWCO-P000005", EpisodeId = 11, Medicine = Medicine.MethadoneOralSolution, DoseMg = 45.5m,
            DoseIntervalDays = 1, StartDate = new DateOnly(2026, 1, 10), EndDate = full ? new DateOnly(2026, 3, 1) : null,
            SupervisedDaysPerWeek = full ? 6 : 0, PharmacyOdsCode = full ? "FA123" : null,
        }, 7, new DateOnly(2026, 4, 1)));
    }

    [Fact]
    public void TheValidatorFailsAResourceThatBreaksItsProfile()
    {
        var (client, _) = Records(true);
        var patient = UkCore.Patient(client, null);
        // The NHS number's verification status must come from UK Core's code system: a made-up code is an error.
        patient.Identifier[0].Extension[0].Value = new Hl7.Fhir.Model.CodeableConcept(UkCore.VerificationStatusSystem, "99");
        Assert.NotEmpty(UkCoreValidator.Errors(patient, UkCore.PatientProfile));
    }
}
