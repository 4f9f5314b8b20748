using Bogus;
using Pathway.Episodes;
using Pathway.HarmReduction;
using Pathway.OutcomeReviews;
using Pathway.People;
using Pathway.Prescribing;
using Person = Pathway.People.Person;

namespace Pathway.Demo;

/// <summary>
/// Draws people and their treatment journeys. Proportions are rough, plausible shapes of an English
/// treatment system (opiate clients stay longest and complete least; alcohol clients complete most),
/// not published figures. Every record it makes satisfies the exchange format's rules.
/// </summary>
internal sealed class DemoJourneys(Faker faker, DemoOptions options, DateOnly today, IReadOnlyList<string> keyWorkers)
{
    private readonly Randomizer random = faker.Random;
    // Prescriptions and harm reduction draw from a stream of their own, so adding them left every other demo record as it was.
    private readonly Randomizer clinical = new(options.Seed + 1);
    private int prescriptionNumber;
    private readonly DateOnly start = today.AddYears(-options.Years);
    private readonly HashSet<(string, DateOnly, Sex)> attributors = [];
    private int clientNumber;
    private int episodeNumber;

    /// <summary>The contract moved from the outgoing to the incoming provider half-way through the span.</summary>
    public DateOnly TransitionDate
    {
        get
        {
            var middle = start.AddDays((today.DayNumber - start.DayNumber) / 2);
            return new DateOnly(middle.Year, middle.Month, 1);
        }
    }

    public IEnumerable<Person> People()
    {
        for (var i = 0; i < options.People; i++) yield return NextPerson();
    }

    private static readonly (Substance Substance, float Weight)[] AdultMainSubstances =
    [
        (Substance.Heroin, 26), (Substance.IllicitMethadone, 2), (Substance.IllicitBuprenorphine, 1), (Substance.OtherOpiate, 2),
        (Substance.Alcohol, 34), (Substance.Crack, 6), (Substance.Cocaine, 9), (Substance.Cannabis, 9),
        (Substance.Amphetamine, 3), (Substance.Benzodiazepine, 2), (Substance.Ketamine, 2), (Substance.Nps, 1),
        (Substance.PrescribedMedicine, 1.5f), (Substance.OtcMedicine, 0.5f), (Substance.Solvent, 0.2f), (Substance.OtherDrug, 0.8f),
    ];

    private static readonly (Substance Substance, float Weight)[] YoungMainSubstances =
    [
        (Substance.Cannabis, 55), (Substance.Alcohol, 20), (Substance.Ketamine, 7), (Substance.Cocaine, 8),
        (Substance.Nps, 3), (Substance.Solvent, 2), (Substance.Benzodiazepine, 2), (Substance.OtherDrug, 3),
    ];

    private static readonly (ReferralSource Source, float Weight)[] AdultSources =
    [
        (ReferralSource.Self, 30), (ReferralSource.OnlineSelf, 7), (ReferralSource.Gp, 12), (ReferralSource.Pharmacy, 3),
        (ReferralSource.Hospital, 7), (ReferralSource.MentalHealth, 4), (ReferralSource.SocialCare, 4), (ReferralSource.Housing, 3),
        (ReferralSource.CriminalJustice, 10), (ReferralSource.Prison, 4), (ReferralSource.Family, 3), (ReferralSource.Employment, 1),
        (ReferralSource.OtherTreatmentProvider, 4), (ReferralSource.Other, 4),
    ];

    private static readonly (ReferralSource Source, float Weight)[] YoungSources =
    [
        (ReferralSource.YoungPeopleService, 30), (ReferralSource.SocialCare, 20), (ReferralSource.Family, 15),
        (ReferralSource.Self, 10), (ReferralSource.OnlineSelf, 5), (ReferralSource.CriminalJustice, 10), (ReferralSource.Gp, 5),
        (ReferralSource.MentalHealth, 5),
    ];

    private Person NextPerson()
    {
        var young = random.Bool(0.08f);
        var sex = Pick([Sex.Male, Sex.Female, Sex.Other, Sex.NotStated], [0.64f, 0.34f, 0.01f, 0.01f]);
        var gender = sex == Sex.Female ? Bogus.DataSets.Name.Gender.Female : Bogus.DataSets.Name.Gender.Male;
        var given = AsciiName(faker.Name.FirstName(gender));
        var family = AsciiName(faker.Name.LastName());
        var initials = $"{given[0]}{family[0]}".ToUpperInvariant();

        var firstReferral = RandomDate(start, today.AddDays(-7));
        var ageAtReferral = young ? random.Int(12, 17) : random.Int(18, 30) + random.Int(0, 25) + random.Int(0, 20);
        DateOnly birth;
        do
        {
            birth = firstReferral.AddYears(-ageAtReferral - 1).AddDays(random.Int(1, 360));
        } while (!attributors.Add((initials, birth, sex)));

        var person = new Person { Initials = initials, DateOfBirth = birth, Sex = sex };
        var localAuthority = random.Bool(0.6f) ? DemoArea.LocalAuthorities[0] : DemoArea.LocalAuthorities[1];
        var district = localAuthority.Code == "E08000007" ? random.ArrayElement(["SK1", "SK2", "SK3", "SK4", "SK5", "SK6", "SK7"])
                                                         : random.ArrayElement(["BL0", "BL8", "BL9", "M25", "M26"]);
        var nhsNumber = random.Bool(0.7f) ? NewNhsNumber() : null;
        var consent = random.Bool(0.85f);
        var records = new Dictionary<string, ClientRecord>();

        ClientRecord RecordAt(string provider)
        {
            if (records.TryGetValue(provider, out var existing)) return existing;
            var record = new ClientRecord
            {
                Source = provider,
                ClientRef = $"{provider}-C{++clientNumber:D6}",
                Person = person,
                LocalAuthorityCode = localAuthority.Code,
                PostcodeDistrict = district,
                NhsNumber = nhsNumber,
                ConsentNationalReporting = consent,
                GivenName = given,
                FamilyName = family,
            };
            person.ClientRecords.Add(record);
            return record;
        }

        var main = Pick(
            (young ? YoungMainSubstances : AdultMainSubstances).Select(s => s.Substance).ToArray(),
            (young ? YoungMainSubstances : AdultMainSubstances).Select(s => s.Weight).ToArray());
        var referral = firstReferral;
        var episodes = Pick([1, 2, 3], [0.7f, 0.22f, 0.08f]);
        for (var n = 0; n < episodes && referral <= today.AddDays(-1); n++)
        {
            var age = Age.On(birth, referral);
            var pathway = age < 18 || (age < 25 && young) ? CarePathway.YoungPeople : CarePathway.Adult;
            var provider = referral < TransitionDate ? DemoArea.Outgoing.Code : DemoArea.Incoming.Code;
            var episode = NewEpisode(RecordAt(provider), person, pathway, provider, referral, main, null);
            person.Episodes.Add(episode);

            if (provider == DemoArea.Outgoing.Code && IsOpenOn(episode, TransitionDate) && !random.Bool(0.04f))
            {
                // At the transition the outgoing provider closes the case and the incoming one picks it up;
                // a few are left open and never picked up: the clients the transition check must find.
                CloseEpisode(episode, TransitionDate.AddDays(-random.Int(0, 3)), DischargeReason.TransferredCommunity);
                var handover = TransitionDate.AddDays(random.Int(0, 20));
                if (handover <= today)
                {
                    var continued = NewEpisode(RecordAt(DemoArea.Incoming.Code), person, pathway, DemoArea.Incoming.Code, handover, main,
                        ReferralSource.OtherTreatmentProvider);
                    person.Episodes.Add(continued);
                    episode = continued;
                }
            }

            if (episode.DischargeDate is not { } discharged) break;
            referral = discharged.AddDays(random.Int(20, 500));
        }
        return person;
    }

    private Episode NewEpisode(ClientRecord record, Person person, CarePathway pathway, string provider, DateOnly referral,
        Substance main, ReferralSource? source)
    {
        var young = pathway == CarePathway.YoungPeople;
        var sources = young ? YoungSources : AdultSources;
        var episode = new Episode
        {
            Source = provider,
            EpisodeRef = $"{provider}-E{++episodeNumber:D6}",
            ClientRecord = record,
            Person = person,
            ProviderCode = provider,
            Pathway = pathway,
            ReferralDate = referral,
            ReferralSource = source ?? Pick(sources.Select(s => s.Source).ToArray(), sources.Select(s => s.Weight).ToArray()),
            Substance1 = main,
            InjectingStatus = InjectingFor(main),
        };
        AddOtherSubstances(episode);
        if (provider == DemoArea.Incoming.Code && keyWorkers.Count > 0)
            episode.KeyWorkerId = keyWorkers[random.Int(0, keyWorkers.Count - 1)];

        // Waits: most people start within a fortnight, a tail waits over three weeks.
        var wait = random.Bool(0.85f) ? random.Int(0, 14) : random.Int(15, 45);
        var triage = referral.AddDays(Math.Min(wait / 2, wait));
        if (triage > today || random.Bool(0.05f))
        {
            if (referral < today.AddDays(-60))
                CloseEpisode(episode, referral.AddDays(random.Int(7, 50)), random.ArrayElement(
                    [DischargeReason.DeclinedTreatment, DischargeReason.NotSuitable, DischargeReason.OnwardReferralRefused]));
            return episode;
        }
        episode.TriageDate = triage;

        var firstIntervention = referral.AddDays(wait);
        var length = Substances.IsOpiate(main) ? random.Int(120, 1100) : random.Int(40, 330);
        var discharge = triage.AddDays(length);
        if (discharge < today) CloseEpisode(episode, discharge, DischargeReasonFor(episode));

        var end = episode.DischargeDate ?? today;
        if (firstIntervention <= end) AddInterventions(episode, firstIntervention, end);
        if (firstIntervention <= end && episode.SubstanceGroup == SubstanceGroup.Opiate) AddPrescriptions(episode, firstIntervention, end);
        AddHarmReduction(episode, triage, end);
        AddContacts(episode, triage, end);
        AddReviews(episode, triage, end);
        return episode;
    }

    private void AddOtherSubstances(Episode episode)
    {
        var main = episode.Substance1;
        Substance? second = null;
        if (Substances.IsOpiate(main) && random.Bool(0.45f)) second = Substance.Crack;
        else if (main == Substance.Cocaine && random.Bool(0.4f)) second = Substance.Alcohol;
        else if (main == Substance.Alcohol && random.Bool(0.15f)) second = random.ArrayElement([Substance.Cocaine, Substance.Cannabis]);
        else if (random.Bool(0.15f)) second = random.ArrayElement([Substance.Cannabis, Substance.Alcohol, Substance.Benzodiazepine]);
        if (second == main) second = null;
        episode.Substance2 = second;
        if (second is not null && random.Bool(0.2f))
        {
            var third = random.ArrayElement([Substance.Cannabis, Substance.Alcohol, Substance.Benzodiazepine]);
            if (third != main && third != second) episode.Substance3 = third;
        }
    }

    private InjectingStatus InjectingFor(Substance main) => Substances.IsOpiate(main) || main == Substance.Amphetamine
        ? Pick([InjectingStatus.Never, InjectingStatus.Previously, InjectingStatus.Currently, InjectingStatus.Declined],
            [0.4f, 0.35f, 0.2f, 0.05f])
        : Pick([InjectingStatus.Never, InjectingStatus.Previously, InjectingStatus.Declined], [0.93f, 0.04f, 0.03f]);

    private DischargeReason DischargeReasonFor(Episode episode)
    {
        var group = episode.SubstanceGroup;
        var completes = group switch
        {
            SubstanceGroup.Opiate => 0.25f,
            SubstanceGroup.AlcoholOnly => 0.55f,
            _ => 0.45f,
        };
        if (random.Bool(completes))
        {
            // "Occasional user" is not a completion for opiates or crack.
            var occasionalAllowed = group != SubstanceGroup.Opiate
                && episode.Substance1 != Substance.Crack && episode.Substance2 != Substance.Crack && episode.Substance3 != Substance.Crack;
            if (occasionalAllowed && random.Bool(0.25f)) return DischargeReason.CompletedOccasionalUser;
            return group == SubstanceGroup.AlcoholOnly ? DischargeReason.CompletedAlcoholFree : DischargeReason.CompletedDrugFree;
        }
        return Pick(
            [DischargeReason.DroppedOut, DischargeReason.TransferredCommunity, DischargeReason.TransferredCustody, DischargeReason.WithdrawnByProvider,
             DischargeReason.RetainedInCustody, DischargeReason.DeclinedTreatment, DischargeReason.Died, DischargeReason.NotSuitable],
            [0.55f, 0.15f, 0.08f, 0.06f, 0.04f, 0.06f, 0.03f, 0.03f]);
    }

    private static void CloseEpisode(Episode episode, DateOnly date, DischargeReason reason)
    {
        var earliest = episode.TriageDate ?? episode.ReferralDate;
        episode.DischargeDate = date < earliest ? earliest : date;
        episode.DischargeReason = reason;
        foreach (var intervention in episode.Interventions.Where(i => i.EndDate is null || i.EndDate > episode.DischargeDate))
            intervention.EndDate = intervention.StartDate <= episode.DischargeDate ? episode.DischargeDate : intervention.StartDate;
        // The prescribing stops at discharge: the dose of the day is the last (ending on the exit date, so not open on it).
        episode.Prescriptions.RemoveAll(p => p.StartDate > episode.DischargeDate);
        foreach (var prescription in episode.Prescriptions.Where(p => p.EndDate is null || p.EndDate > episode.DischargeDate))
            prescription.EndDate = episode.DischargeDate;
        episode.HarmReductionEvents.RemoveAll(h => h.Date > episode.DischargeDate);
    }

    /// <summary>
    /// Substitute prescribing as a titration: methadone from 30 mg up 10 mg every 3 or 4 days to 60-80 mg, or buprenorphine
    /// from 4 mg up 4 mg to 12-16 mg (a few then move to a monthly prolonged-release injection). Each step ends the day before
    /// the next starts; the last runs to discharge, or stays open.
    /// </summary>
    private void AddPrescriptions(Episode episode, DateOnly first, DateOnly end)
    {
        var closed = episode.DischargeDate is not null;
        var pharmacy = clinical.ArrayElement(DemoArea.Pharmacies).OdsCode;
        var steps = new List<(Medicine Medicine, decimal Dose, int Interval, int Days)>();
        var flavour = clinical.Float();
        if (flavour < 0.7f)
        {
            var target = 60 + 10 * clinical.Int(0, 2);
            for (var dose = 30; dose < target; dose += 10) steps.Add((Medicine.MethadoneOralSolution, dose, 1, clinical.Int(3, 4)));
            steps.Add((Medicine.MethadoneOralSolution, target, 1, 0));
        }
        else
        {
            var target = 4 * clinical.Int(3, 4);
            for (var dose = 4; dose < target; dose += 4) steps.Add((Medicine.BuprenorphineSublingual, dose, 1, clinical.Int(3, 4)));
            if (flavour < 0.94f)
            {
                steps.Add((Medicine.BuprenorphineSublingual, target, 1, 0));
            }
            else
            {
                steps.Add((Medicine.BuprenorphineSublingual, target, 1, 7));
                steps.Add((Medicine.BuprenorphineProlongedReleaseInjection, 96, 28, 0));
            }
        }
        var maintenanceSupervised = clinical.ArrayElement([7, 6, 3, 0]);
        var from = first;
        for (var i = 0; i < steps.Count && from <= end; i++)
        {
            var step = steps[i];
            DateOnly? until = step.Days == 0 ? null : from.AddDays(step.Days - 1);
            if (until is null || until >= end) until = closed ? end : null;
            episode.Prescriptions.Add(new Prescription
            {
                Source = episode.Source,
                PrescriptionRef = $"{episode.Source}-P{++prescriptionNumber:D7}",
                Medicine = step.Medicine,
                DoseMg = step.Dose,
                DoseIntervalDays = step.Interval,
                StartDate = from,
                EndDate = until,
                SupervisedDaysPerWeek = step.Interval > 1 ? 0 : step.Days > 0 ? 7 : maintenanceSupervised,
                PharmacyOdsCode = step.Interval > 1 ? null : pharmacy,
            });
            if (until is not { } last || last >= end) break;
            from = last.AddDays(1);
        }
    }

    /// <summary>
    /// Naloxone for opiate clients, needle packs for injectors, blood-borne virus tests and hepatitis B doses for people who
    /// inject or have, and drug tests at assessment.
    /// </summary>
    private void AddHarmReduction(Episode episode, DateOnly triage, DateOnly end)
    {
        void Add(DateOnly date, HarmReductionKind kind, int quantity = 1, HarmReductionResult result = HarmReductionResult.NotApplicable,
            Substance? substance = null, NaloxoneRecipient? recipient = null)
        {
            if (date > end) return;
            episode.HarmReductionEvents.Add(new HarmReductionEvent { Date = date, Kind = kind, Result = result, Quantity = quantity, Substance = substance, Recipient = recipient });
        }
        HarmReductionResult TestResult(float positive) =>
            clinical.Bool(0.08f) ? HarmReductionResult.Declined : clinical.Bool(positive) ? HarmReductionResult.Positive : HarmReductionResult.Negative;

        var opiate = episode.SubstanceGroup == SubstanceGroup.Opiate;
        if (episode.Substance1 != Substance.Alcohol && clinical.Bool(opiate ? 0.9f : 0.25f))
            Add(triage, HarmReductionKind.DrugTest, result: TestResult(0.85f), substance: episode.Substance1);
        if (opiate && clinical.Bool(0.75f))
        {
            Add(triage.AddDays(clinical.Int(0, 14)), HarmReductionKind.NaloxoneKit, clinical.Int(1, 2), recipient: NaloxoneRecipient.Client);
            // The refill goes to a family member or carer: someone who may be there when an overdose happens.
            if (clinical.Bool(0.3f)) Add(triage.AddDays(clinical.Int(60, 300)), HarmReductionKind.NaloxoneKit, recipient: NaloxoneRecipient.FamilyMemberOrCarer);
        }
        var injecting = episode.InjectingStatus == InjectingStatus.Currently;
        if (injecting)
            for (var day = triage; day <= end; day = day.AddDays(clinical.Int(21, 60)))
                Add(day, HarmReductionKind.NeedleSyringePack, clinical.Int(2, 20));
        if (!injecting && episode.InjectingStatus != InjectingStatus.Previously) return;
        if (clinical.Bool(0.7f))
        {
            var tested = triage.AddDays(clinical.Int(0, 28));
            var antibody = TestResult(0.25f);
            Add(tested, HarmReductionKind.HepCAntibodyTest, result: antibody);
            if (antibody == HarmReductionResult.Positive)
                Add(tested.AddDays(clinical.Int(14, 42)), HarmReductionKind.HepCRnaTest, result: TestResult(0.6f));
        }
        if (clinical.Bool(0.5f)) Add(triage.AddDays(clinical.Int(0, 28)), HarmReductionKind.HivTest, result: TestResult(0.02f));
        if (clinical.Bool(0.5f))
        {
            // The accelerated course: days 0, 7 and 21, and a booster at 12 months.
            var course = triage.AddDays(clinical.Int(0, 28));
            Add(course, HarmReductionKind.HepBVaccination, 1);
            Add(course.AddDays(7), HarmReductionKind.HepBVaccination, 2);
            Add(course.AddDays(21), HarmReductionKind.HepBVaccination, 3);
            Add(course.AddYears(1), HarmReductionKind.HepBVaccination, 4);
        }
    }

    private static bool IsOpenOn(Episode episode, DateOnly day) =>
        episode.ReferralDate <= day && (episode.DischargeDate is not { } d || d > day);

    private void AddInterventions(Episode episode, DateOnly first, DateOnly end)
    {
        var closed = episode.DischargeDate is not null;
        void Add(InterventionType type, InterventionSetting setting, DateOnly from) =>
            episode.Interventions.Add(new Intervention
            {
                Type = type, Setting = setting, StartDate = from, EndDate = closed ? end : null,
            });

        var group = episode.SubstanceGroup;
        if (group == SubstanceGroup.Opiate)
        {
            Add(InterventionType.Pharmacological, random.ArrayElement([InterventionSetting.Community, InterventionSetting.Pharmacy, InterventionSetting.PrimaryCare]), first);
            Add(InterventionType.Psychosocial, InterventionSetting.Community, first.AddDays(random.Int(0, 21)) is var p && p <= end ? p : first);
        }
        else
        {
            Add(InterventionType.Psychosocial, random.Bool(0.15f) ? InterventionSetting.Online : InterventionSetting.Community, first);
        }
        if (episode.InjectingStatus == InjectingStatus.Currently)
            Add(InterventionType.HarmReduction, random.ArrayElement([InterventionSetting.Community, InterventionSetting.Pharmacy]), first);
        if (group is SubstanceGroup.AlcoholOnly or SubstanceGroup.NonOpiateAndAlcohol && random.Bool(0.06f))
            Add(InterventionType.InpatientWithdrawal, InterventionSetting.Inpatient, Later(first, end));
        if (random.Bool(0.035f))
            Add(InterventionType.ResidentialRehab, InterventionSetting.Residential, Later(first, end));
        if (random.Bool(0.3f))
            Add(InterventionType.RecoverySupport, InterventionSetting.RecoveryHub, Later(first, end));
    }

    private DateOnly Later(DateOnly from, DateOnly end) =>
        end.DayNumber - from.DayNumber > 2 ? from.AddDays(random.Int(1, end.DayNumber - from.DayNumber - 1)) : from;

    private void AddContacts(Episode episode, DateOnly from, DateOnly end)
    {
        var digitalShare = episode.ProviderCode == DemoArea.Incoming.Code ? 0.4f : 0.2f;
        var kind = ContactKind.Assessment;
        for (var day = from; day <= end; day = day.AddDays(random.Int(14, 35)))
        {
            var channel = random.Bool(digitalShare)
                ? Pick([ContactChannel.Phone, ContactChannel.Video, ContactChannel.Online], [0.55f, 0.25f, 0.2f])
                : ContactChannel.FaceToFace;
            episode.Contacts.Add(new Contact { Date = day, Channel = channel, Attended = random.Bool(0.84f), Kind = kind });
            kind = Pick(
                [ContactKind.Keywork, ContactKind.Group, ContactKind.Prescribing, ContactKind.Review, ContactKind.PeerSupport, ContactKind.CarerSupport],
                [0.45f, 0.15f, episode.SubstanceGroup == SubstanceGroup.Opiate ? 0.25f : 0.02f, 0.07f, 0.05f, 0.03f]);
        }
        if (episode.DischargeReason is { } reason && DischargeReasons.IsSuccessfulCompletion(reason) && end < today)
            episode.Contacts.Add(new Contact { Date = end, Channel = ContactChannel.FaceToFace, Attended = true, Kind = ContactKind.Aftercare });
    }

    private void AddReviews(Episode episode, DateOnly triage, DateOnly end)
    {
        var startReview = StartReview(episode, triage);
        episode.OutcomeReviews.Add(startReview);
        var improving = episode.DischargeReason is { } r && DischargeReasons.IsSuccessfulCompletion(r) || random.Bool(0.5f);
        for (var day = triage.AddDays(random.Int(160, 200)); day < end; day = day.AddDays(random.Int(160, 200)))
            episode.OutcomeReviews.Add(FollowUp(startReview, day, ReviewStage.Review, improving));
        if (episode.DischargeDate is { } discharge && random.Bool(0.7f))
            episode.OutcomeReviews.Add(FollowUp(startReview, discharge, ReviewStage.Exit, improving));
    }

    private OutcomeReview StartReview(Episode episode, DateOnly date)
    {
        var substances = new[] { episode.Substance1, episode.Substance2, episode.Substance3 };
        int DaysFor(Func<Substance, bool> uses) => substances.Any(s => s is { } x && uses(x)) ? random.Int(8, 28) : random.Bool(0.1f) ? random.Int(1, 6) : 0;
        var alcoholDays = DaysFor(s => s == Substance.Alcohol);
        var offends = random.Bool(episode.SubstanceGroup == SubstanceGroup.Opiate ? 0.35f : 0.12f);
        return new OutcomeReview
        {
            Date = date,
            Stage = ReviewStage.Start,
            AlcoholDays = alcoholDays,
            OpiateDays = DaysFor(Substances.IsOpiate),
            CrackDays = DaysFor(s => s == Substance.Crack),
            CocaineDays = DaysFor(s => s == Substance.Cocaine),
            AmphetamineDays = DaysFor(s => s == Substance.Amphetamine),
            CannabisDays = DaysFor(s => s == Substance.Cannabis),
            OtherDrugDays = DaysFor(s => !Substances.IsOpiate(s) && s is not (Substance.Alcohol or Substance.Crack or Substance.Cocaine
                or Substance.Amphetamine or Substance.Cannabis)),
            AlcoholUnitsPerDrinkingDay = alcoholDays > 0 ? random.Int(4, 40) : null,
            InjectedDays = episode.InjectingStatus == InjectingStatus.Currently ? random.Int(1, 28) : 0,
            ShopliftingDays = offends && random.Bool(0.7f) ? random.Int(1, 20) : 0,
            DrugSellingDays = offends && random.Bool(0.3f) ? random.Int(1, 15) : 0,
            OtherOffending = offends && random.Bool(0.3f),
            PsychologicalHealth = random.Int(3, 12),
            PhysicalHealth = random.Int(4, 13),
            QualityOfLife = random.Int(3, 12),
            AcuteHousingProblem = random.Bool(0.14f),
            HousingAtRisk = random.Bool(0.12f),
            PaidWorkDays = random.Bool(0.2f) ? random.Int(4, 20) : 0,
            EducationDays = random.Bool(0.05f) ? random.Int(1, 10) : 0,
        };
    }

    private OutcomeReview FollowUp(OutcomeReview start, DateOnly date, ReviewStage stage, bool improving)
    {
        int Change(int days) => improving ? (random.Bool(0.6f) ? 0 : random.Int(0, days / 2)) : Math.Min(28, days + random.Int(-4, 4) is var d && d < 0 ? 0 : d);
        int Score(int score) => Math.Clamp(score + (improving ? random.Int(2, 7) : random.Int(-3, 3)), 0, 20);
        var alcoholDays = Change(start.AlcoholDays);
        return new OutcomeReview
        {
            Date = date,
            Stage = stage,
            AlcoholDays = alcoholDays,
            OpiateDays = Change(start.OpiateDays),
            CrackDays = Change(start.CrackDays),
            CocaineDays = Change(start.CocaineDays),
            AmphetamineDays = Change(start.AmphetamineDays),
            CannabisDays = Change(start.CannabisDays),
            OtherDrugDays = Change(start.OtherDrugDays),
            AlcoholUnitsPerDrinkingDay = alcoholDays > 0 ? random.Int(2, 30) : null,
            InjectedDays = Change(start.InjectedDays),
            ShopliftingDays = Change(start.ShopliftingDays),
            DrugSellingDays = Change(start.DrugSellingDays),
            OtherOffending = start.OtherOffending && !improving,
            PsychologicalHealth = Score(start.PsychologicalHealth),
            PhysicalHealth = Score(start.PhysicalHealth),
            QualityOfLife = Score(start.QualityOfLife),
            AcuteHousingProblem = start.AcuteHousingProblem && random.Bool(improving ? 0.3f : 0.8f),
            HousingAtRisk = start.HousingAtRisk && random.Bool(0.6f),
            PaidWorkDays = start.PaidWorkDays > 0 || (improving && random.Bool(0.25f)) ? random.Int(4, 22) : 0,
            EducationDays = start.EducationDays,
        };
    }

    /// <summary>One of <paramref name="items"/>, each as likely as its weight (weights need not add up to 1).</summary>
    private T Pick<T>(T[] items, float[] weights)
    {
        var total = weights.Sum();
        return random.WeightedRandom(items, weights.Select(w => w / total).ToArray());
    }

    private DateOnly RandomDate(DateOnly from, DateOnly to) => from.AddDays(random.Int(0, Math.Max(0, to.DayNumber - from.DayNumber)));

    private string NewNhsNumber()
    {
        while (true)
        {
            var nine = random.ReplaceNumbers("#########");
            if (nine[0] == '0') continue;
            if (NhsNumber.CheckDigit(nine) is { } check) return nine + check;
        }
    }

    private string AsciiName(string name)
    {
        var letters = new string(name.Where(char.IsAsciiLetter).ToArray());
        return letters.Length > 0 ? char.ToUpperInvariant(letters[0]) + letters[1..] : "Sam";
    }
}
