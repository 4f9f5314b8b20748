using System.Globalization;
using Hl7.Fhir.Model;
using Pathway.Assessments;
using Pathway.CarePlans;
using Pathway.Episodes;
using Pathway.Infrastructure;
using Pathway.OutcomeReviews;
using Pathway.People;
using Pathway.Prescribing;

namespace Pathway.Fhir;

/// <summary>
/// Pathway's records as FHIR R4 resources claiming the UK Core 2.0.0 profiles (../shared/fhir/uk-core-2.0.0): a client record
/// is a Patient, an episode an EpisodeOfCare, a screening or outcome review a QuestionnaireResponse, an episode's recovery goals
/// a CarePlan, a prescription a MedicationRequest. The tests validate every one against its profile.
/// </summary>
public static class UkCore
{
    public const string Profiles = "https://fhir.hl7.org.uk/StructureDefinition/";
    public const string PatientProfile = Profiles + "UKCore-Patient";
    public const string EpisodeOfCareProfile = Profiles + "UKCore-EpisodeOfCare";
    public const string QuestionnaireResponseProfile = Profiles + "UKCore-QuestionnaireResponse";
    public const string CarePlanProfile = Profiles + "UKCore-CarePlan";
    public const string MedicationRequestProfile = Profiles + "UKCore-MedicationRequest";
    public const string ServiceRequestProfile = Profiles + "UKCore-ServiceRequest";

    public const string NhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number";
    public const string OdsSystem = "https://fhir.nhs.uk/Id/ods-organization-code";
    public const string VerificationStatusExtension = Profiles + "Extension-UKCore-NHSNumberVerificationStatus";
    public const string VerificationStatusSystem = "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland";

    /// <summary>
    /// The base of Pathway's own code systems, identifiers and questionnaires: the exchange format's code lists
    /// (exchange-format.md), so a sender uses the same codes a bundle does.
    /// </summary>
    public const string PathwayBase = "https://pathway.example/fhir";
    public const string ReferralSourceSystem = PathwayBase + "/CodeSystem/referral-source";
    public const string SubstanceSystem = PathwayBase + "/CodeSystem/substance";
    public const string CarePathwaySystem = PathwayBase + "/CodeSystem/pathway";
    public const string ClientRefSystem = PathwayBase + "/Id/client-ref";
    public const string EpisodeRefSystem = PathwayBase + "/Id/episode-ref";
    public const string PrescriptionRefSystem = PathwayBase + "/Id/prescription-ref";

    public static string Questionnaire(string name) => $"{PathwayBase}/Questionnaire/{name}";

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Meta Profile(string profile) => new() { Profile = [profile] };

    public static ResourceReference PatientReference(int clientRecordId) => new($"Patient/{clientRecordId.ToString(CultureInfo.InvariantCulture)}");

    public static ResourceReference Organisation(string odsCode, string? name) =>
        new() { Identifier = new Identifier(OdsSystem, odsCode), Display = name };

    public static AdministrativeGender GenderOf(Sex sex) => sex switch
    {
        Sex.Male => AdministrativeGender.Male,
        Sex.Female => AdministrativeGender.Female,
        Sex.Other => AdministrativeGender.Other,
        _ => AdministrativeGender.Unknown,
    };

    public static Patient Patient(ClientRecord client, ClientContact? contact)
    {
        var patient = new Patient
        {
            Id = client.Id.ToString(CultureInfo.InvariantCulture),
            Meta = Profile(PatientProfile),
            Gender = GenderOf(client.Person.Sex),
            BirthDate = Date(client.Person.DateOfBirth),
        };
        if (client.NhsNumber is { } nhs)
        {
            var identifier = new Identifier(NhsNumberSystem, nhs);
            // Pathway checks the check digit, never the Personal Demographics Service: present, not traced.
            identifier.Extension.Add(new Extension(VerificationStatusExtension,
                new CodeableConcept(VerificationStatusSystem, "02", "Number present but not traced")));
            patient.Identifier.Add(identifier);
        }
        patient.Identifier.Add(new Identifier(ClientRefSystem, client.ClientRef));
        if (client.GivenName is not null || client.FamilyName is not null)
        {
            var name = new HumanName { Use = HumanName.NameUse.Official, Family = client.FamilyName };
            if (client.GivenName is { } given) name.Given = [given];
            patient.Name.Add(name);
        }
        var address = new Address { PostalCode = contact?.Postcode ?? client.PostcodeDistrict, City = contact?.Town };
        foreach (var line in new[] { contact?.AddressLine1, contact?.AddressLine2 }.OfType<string>()) address.LineElement.Add(new FhirString(line));
        if (address.PostalCode is not null || address.City is not null || address.Line.Any()) patient.Address.Add(address);
        if (contact?.Phone is { } phone) patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, phone));
        if (contact?.Email is { } email) patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, null, email));
        return patient;
    }

    /// <summary>Waiting for triage, in treatment, or discharged.</summary>
    public static Hl7.Fhir.Model.EpisodeOfCare.EpisodeOfCareStatus StatusOf(Episode episode) =>
        episode.DischargeDate is not null ? Hl7.Fhir.Model.EpisodeOfCare.EpisodeOfCareStatus.Finished
        : episode.TriageDate is null ? Hl7.Fhir.Model.EpisodeOfCare.EpisodeOfCareStatus.Waitlist
        : Hl7.Fhir.Model.EpisodeOfCare.EpisodeOfCareStatus.Active;

    public static Hl7.Fhir.Model.EpisodeOfCare EpisodeOfCare(Episode episode, string? providerName)
    {
        var resource = new Hl7.Fhir.Model.EpisodeOfCare
        {
            Id = episode.Id.ToString(CultureInfo.InvariantCulture),
            Meta = Profile(EpisodeOfCareProfile),
            Identifier = [new Identifier(EpisodeRefSystem, episode.EpisodeRef)],
            Status = StatusOf(episode),
            Type = [new CodeableConcept(CarePathwaySystem, Codes<CarePathway>.Code(episode.Pathway),
                episode.Pathway == CarePathway.YoungPeople ? "Young people's service" : "Adult service")],
            Patient = PatientReference(episode.ClientRecordId),
            ManagingOrganization = Organisation(episode.ProviderCode, providerName),
            Period = new Period { Start = Date(episode.ReferralDate), End = episode.DischargeDate is { } end ? Date(end) : null },
        };
        if (episode.TriageDate is { } triage)
        {
            resource.StatusHistory.Add(new Hl7.Fhir.Model.EpisodeOfCare.StatusHistoryComponent
            {
                Status = Hl7.Fhir.Model.EpisodeOfCare.EpisodeOfCareStatus.Waitlist, Period = new Period { Start = Date(episode.ReferralDate), End = Date(triage) },
            });
        }
        return resource;
    }

    public static string ScreeningId(int id) => "screening-" + id.ToString(CultureInfo.InvariantCulture);
    public static string ReviewId(int id) => "review-" + id.ToString(CultureInfo.InvariantCulture);

    public static QuestionnaireResponse Screening(Screening screening, int clientRecordId)
    {
        var tool = ScreeningTools.For(screening.Tool);
        var response = new QuestionnaireResponse
        {
            Id = ScreeningId(screening.Id),
            Meta = Profile(QuestionnaireResponseProfile),
            Questionnaire = Questionnaire(Codes<ScreeningTool>.Code(screening.Tool).Replace('_', '-')),
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = PatientReference(clientRecordId),
            Encounter = null,
            Authored = Date(screening.Date),
        };
        var answers = screening.Answers.Split(',', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < answers.Length && i < tool.Questions.Count; i++)
            response.Item.Add(Item($"q{i + 1}", tool.Questions[i].Text,
                new Integer(int.Parse(answers[i], NumberStyles.Integer, CultureInfo.InvariantCulture))));
        response.Item.Add(Item("score", $"{tool.Name} score", new Integer(screening.Score)));
        response.Item.Add(Item("zone", "Zone", new FhirString(screening.Zone)));
        return response;
    }

    public static QuestionnaireResponse OutcomeReview(OutcomeReview review, int clientRecordId)
    {
        var response = new QuestionnaireResponse
        {
            Id = ReviewId(review.Id),
            Meta = Profile(QuestionnaireResponseProfile),
            Questionnaire = Questionnaire("outcome-review"),
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = PatientReference(clientRecordId),
            Authored = Date(review.Date),
        };
        response.Item.Add(Item("stage", "Stage", new Coding(PathwayBase + "/CodeSystem/review-stage", Codes<ReviewStage>.Code(review.Stage))));
        void Days(string linkId, string text, int days) => response.Item.Add(Item(linkId, text + " (days in the last 28)", new Integer(days)));
        Days("alcohol-days", "Alcohol", review.AlcoholDays);
        Days("opiate-days", "Opiates", review.OpiateDays);
        Days("crack-days", "Crack", review.CrackDays);
        Days("cocaine-days", "Cocaine", review.CocaineDays);
        Days("amphetamine-days", "Amphetamines", review.AmphetamineDays);
        Days("cannabis-days", "Cannabis", review.CannabisDays);
        Days("other-drug-days", "Other drugs", review.OtherDrugDays);
        if (review.AlcoholUnitsPerDrinkingDay is { } units)
            response.Item.Add(Item("alcohol-units", "Units of alcohol on a typical drinking day", new Integer(units)));
        Days("injected-days", "Injected", review.InjectedDays);
        Days("shoplifting-days", "Shoplifting", review.ShopliftingDays);
        Days("drug-selling-days", "Selling drugs", review.DrugSellingDays);
        response.Item.Add(Item("other-offending", "Other offending", new FhirBoolean(review.OtherOffending)));
        response.Item.Add(Item("psychological-health", "Psychological health (0 to 20)", new Integer(review.PsychologicalHealth)));
        response.Item.Add(Item("physical-health", "Physical health (0 to 20)", new Integer(review.PhysicalHealth)));
        response.Item.Add(Item("quality-of-life", "Quality of life (0 to 20)", new Integer(review.QualityOfLife)));
        response.Item.Add(Item("acute-housing-problem", "Acute housing problem", new FhirBoolean(review.AcuteHousingProblem)));
        response.Item.Add(Item("housing-at-risk", "At risk of eviction", new FhirBoolean(review.HousingAtRisk)));
        Days("paid-work-days", "Paid work", review.PaidWorkDays);
        Days("education-days", "Education", review.EducationDays);
        return response;
    }

    private static QuestionnaireResponse.ItemComponent Item(string linkId, string text, DataType value) => new()
    {
        LinkId = linkId, Text = text, Answer = [new QuestionnaireResponse.AnswerComponent { Value = value }],
    };

    /// <summary>An episode's care plan: its recovery goals, as Goals contained in the plan (UK Core has no Goal profile).</summary>
    public static CarePlan CarePlan(Episode episode, IReadOnlyList<RecoveryGoal> goals)
    {
        var plan = new CarePlan
        {
            Id = episode.Id.ToString(CultureInfo.InvariantCulture),
            Meta = Profile(CarePlanProfile),
            Status = episode.DischargeDate is null ? RequestStatus.Active : RequestStatus.Completed,
            Intent = Hl7.Fhir.Model.CarePlan.CarePlanIntent.Plan,
            Title = "Recovery care plan",
            Subject = PatientReference(episode.ClientRecordId),
            Period = new Period { Start = Date(episode.ReferralDate), End = episode.DischargeDate is { } end ? Date(end) : null },
        };
        foreach (var goal in goals)
        {
            var id = "goal-" + goal.Id.ToString(CultureInfo.InvariantCulture);
            plan.Contained.Add(new Goal
            {
                Id = id,
                LifecycleStatus = goal.Status switch
                {
                    GoalStatus.NotStarted => Goal.GoalLifecycleStatus.Accepted,
                    GoalStatus.InProgress => Goal.GoalLifecycleStatus.Active,
                    GoalStatus.Achieved => Goal.GoalLifecycleStatus.Completed,
                    _ => Goal.GoalLifecycleStatus.Cancelled,
                },
                AchievementStatus = goal.Status switch
                {
                    GoalStatus.Achieved => new CodeableConcept("http://terminology.hl7.org/CodeSystem/goal-achievement", "achieved", "Achieved"),
                    GoalStatus.InProgress => new CodeableConcept("http://terminology.hl7.org/CodeSystem/goal-achievement", "in-progress", "In Progress"),
                    _ => null,
                },
                Description = new CodeableConcept { Text = goal.Description },
                Subject = PatientReference(episode.ClientRecordId),
                Start = new Date(Date(goal.SetOn)),
            });
            plan.Goal.Add(new ResourceReference("#" + id));
        }
        return plan;
    }

    public static MedicationRequest Prescription(Prescription prescription, int clientRecordId, DateOnly today)
    {
        var medicine = MedicineName(prescription.Medicine);
        var dose = prescription.DoseMg.ToString("0.#", CultureInfo.InvariantCulture);
        var every = prescription.DoseIntervalDays == 1 ? "daily" : $"every {prescription.DoseIntervalDays} days";
        var request = new MedicationRequest
        {
            Id = prescription.Id.ToString(CultureInfo.InvariantCulture),
            Meta = Profile(MedicationRequestProfile),
            Identifier = [new Identifier(PrescriptionRefSystem, prescription.PrescriptionRef)],
            Status = prescription.EndDate is { } end && end < today ? MedicationRequest.MedicationrequestStatus.Completed : MedicationRequest.MedicationrequestStatus.Active,
            Intent = MedicationRequest.MedicationRequestIntent.Order,
            Medication = new CodeableConcept { Text = medicine },
            Subject = PatientReference(clientRecordId),
            // UK Core asks whether the dispenser may substitute: the medicine is dispensed as prescribed.
            Substitution = new MedicationRequest.SubstitutionComponent { Allowed = new FhirBoolean(false) },
            DosageInstruction =
            [
                new Dosage
                {
                    Text = $"{dose} mg {every}" + (prescription.SupervisedDaysPerWeek > 0
                        ? $", supervised {prescription.SupervisedDaysPerWeek} day{(prescription.SupervisedDaysPerWeek == 1 ? "" : "s")} a week" : ""),
                    Timing = new Timing
                    {
                        Repeat = new Timing.RepeatComponent
                        {
                            Bounds = new Period { Start = Date(prescription.StartDate), End = prescription.EndDate is { } last ? Date(last) : null },
                            Frequency = 1, Period = prescription.DoseIntervalDays, PeriodUnit = Timing.UnitsOfTime.D,
                        },
                    },
                    DoseAndRate =
                    [
                        new Dosage.DoseAndRateComponent
                        {
                            Dose = new Quantity(prescription.DoseMg, "mg", "http://unitsofmeasure.org") { Unit = "mg" },
                        },
                    ],
                },
            ],
        };
        if (prescription.PharmacyOdsCode is { } pharmacy)
            request.DispenseRequest = new MedicationRequest.DispenseRequestComponent { Performer = Organisation(pharmacy, null) };
        return request;
    }

    /// <summary>The medicine as a prescriber writes it (the exchange format holds only its code).</summary>
    public static string MedicineName(Medicine medicine) => medicine switch
    {
        Medicine.MethadoneOralSolution => "Methadone oral solution",
        Medicine.BuprenorphineSublingual => "Buprenorphine sublingual tablets",
        Medicine.BuprenorphineOralLyophilisate => "Buprenorphine oral lyophilisates",
        Medicine.BuprenorphineProlongedReleaseInjection => "Buprenorphine prolonged-release injection",
        Medicine.Naltrexone => "Naltrexone",
        Medicine.Acamprosate => "Acamprosate",
        Medicine.Disulfiram => "Disulfiram",
        Medicine.Chlordiazepoxide => "Chlordiazepoxide",
        _ => "Other medicine",
    };
}
