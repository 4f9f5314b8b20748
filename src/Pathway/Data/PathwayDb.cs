using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Pathway.Access;
using Pathway.Episodes;
using Pathway.Infrastructure;
using Pathway.Organisations;
using Pathway.OutcomeReviews;
using Pathway.People;

namespace Pathway.Data;

/// <summary>
/// The unit of work for everything Pathway stores. One model, two providers: the provider-specific
/// subclasses below exist only so each keeps its own checked-in migrations.
/// </summary>
public abstract class PathwayDb(DbContextOptions options)
    : IdentityDbContext<StaffUser, IdentityRole, string>(options)
{
    public DbSet<Person> People => Set<Person>();
    public DbSet<ClientRecord> ClientRecords => Set<ClientRecord>();
    public DbSet<ClientContact> ClientContacts => Set<ClientContact>();
    public DbSet<Episode> Episodes => Set<Episode>();
    public DbSet<Intervention> Interventions => Set<Intervention>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<OutcomeReview> OutcomeReviews => Set<OutcomeReview>();
    public DbSet<Prescribing.Prescription> Prescriptions => Set<Prescribing.Prescription>();
    public DbSet<Prescribing.Pharmacy> Pharmacies => Set<Prescribing.Pharmacy>();
    public DbSet<Prescribing.DoseRecord> DoseRecords => Set<Prescribing.DoseRecord>();
    public DbSet<Prescribing.PrescriptionForm> PrescriptionForms => Set<Prescribing.PrescriptionForm>();
    public DbSet<Prescribing.DispensingReview> DispensingReviews => Set<Prescribing.DispensingReview>();
    public DbSet<HarmReduction.HarmReductionEvent> HarmReductionEvents => Set<HarmReduction.HarmReductionEvent>();
    public DbSet<LocalAuthority> LocalAuthorities => Set<LocalAuthority>();
    public DbSet<Provider> Providers => Set<Provider>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<Demo.DemoStamp> DemoStamps => Set<Demo.DemoStamp>();
    public DbSet<Commissioning.Contract> Contracts => Set<Commissioning.Contract>();
    public DbSet<Commissioning.ContractTarget> ContractTargets => Set<Commissioning.ContractTarget>();
    public DbSet<Commissioning.ContractSpend> ContractSpends => Set<Commissioning.ContractSpend>();
    public DbSet<Commissioning.BenchmarkFigure> BenchmarkFigures => Set<Commissioning.BenchmarkFigure>();
    public DbSet<Access.Audit.AuditEvent> AuditEvents => Set<Access.Audit.AuditEvent>();
    public DbSet<StaffProviderGrant> StaffProviderGrants => Set<StaffProviderGrant>();
    public DbSet<Api.ApiClient> ApiClients => Set<Api.ApiClient>();
    public DbSet<Transitions.Handover> Handovers => Set<Transitions.Handover>();
    public DbSet<PublicSite.ServicePlace> ServicePlaces => Set<PublicSite.ServicePlace>();
    public DbSet<PostcodeDistrict> PostcodeDistricts => Set<PostcodeDistrict>();
    // The public front door: drafts in progress, what a sent self-referral adds, anonymous counts, carers' requests.
    public DbSet<PublicSite.SelfReferral.SelfReferralDraft> SelfReferralDrafts => Set<PublicSite.SelfReferral.SelfReferralDraft>();
    public DbSet<PublicSite.SelfReferral.OnlineSelfReferral> OnlineSelfReferrals => Set<PublicSite.SelfReferral.OnlineSelfReferral>();
    public DbSet<PublicSite.SelfReferral.AlcoholCheckCount> AlcoholCheckCounts => Set<PublicSite.SelfReferral.AlcoholCheckCount>();
    public DbSet<PublicSite.Carers.CarerContactRequest> CarerContactRequests => Set<PublicSite.Carers.CarerContactRequest>();
    /// <summary>Sign-in cookies stay valid across restarts and between instances.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    /// <summary>Signed-in sessions: the cookie holds only a key to one of these.</summary>
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();

    // Case work: what staff record beyond the exchange format.
    public DbSet<Assessments.Screening> Screenings => Set<Assessments.Screening>();
    public DbSet<Assessments.RiskAssessment> RiskAssessments => Set<Assessments.RiskAssessment>();
    public DbSet<Safeguarding.RiskFlags> RiskFlags => Set<Safeguarding.RiskFlags>();
    public DbSet<CarePlans.RecoveryGoal> RecoveryGoals => Set<CarePlans.RecoveryGoal>();
    public DbSet<Appointments.Appointment> Appointments => Set<Appointments.Appointment>();
    public DbSet<PeerMentors.PeerMentoring> PeerMentorings => Set<PeerMentors.PeerMentoring>();
    public DbSet<Discharge.AftercarePlan> AftercarePlans => Set<Discharge.AftercarePlan>();
    public DbSet<Carers.Carer> Carers => Set<Carers.Carer>();
    public DbSet<Carers.CarerSupport> CarerSupport => Set<Carers.CarerSupport>();
    public DbSet<History.ChangeRecord> ChangeRecords => Set<History.ChangeRecord>();
    public DbSet<Casework.Notes.CaseNote> CaseNotes => Set<Casework.Notes.CaseNote>();
    public DbSet<PeerMentors.PeerSupportContact> PeerSupportContacts => Set<PeerMentors.PeerSupportContact>();
    public DbSet<PeerMentors.PeerConcern> PeerConcerns => Set<PeerMentors.PeerConcern>();
    public DbSet<Groups.GroupSession> GroupSessions => Set<Groups.GroupSession>();
    public DbSet<Groups.GroupAttendance> GroupAttendances => Set<Groups.GroupAttendance>();

    // Kept indicator figures and the changes that invalidate them (Indicators/KeptFigures.cs).
    public DbSet<Indicators.KeptFigureSet> KeptFigureSets => Set<Indicators.KeptFigureSet>();
    public DbSet<Indicators.FigureChange> FigureChanges => Set<Indicators.FigureChange>();

    /// <summary>Which database this context works on, from its provider: the one place that decides it for a context.</summary>
    public DatabaseKind Kind => Database.ProviderName?.Contains("Npgsql") == true ? DatabaseKind.Postgres : DatabaseKind.Sqlite;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PathwayDb).Assembly);
        Indicators.KeptFigures.ConfigureModel(builder, Kind == DatabaseKind.Postgres);
        builder.Entity<StaffUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.Property(u => u.ProviderCode).HasMaxLength(20);
            user.Property(u => u.LocalAuthorityCode).HasMaxLength(9);
            user.Property(u => u.PharmacyOdsCode).HasMaxLength(5);
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // Codes are stored as the exchange format's words, readable in SQL and stable if enums are reordered.
        StoreAsCode<Sex>(conventions);
        StoreAsCode<CarePathway>(conventions);
        StoreAsCode<ReferralSource>(conventions);
        StoreAsCode<Substance>(conventions);
        StoreAsCode<InjectingStatus>(conventions);
        StoreAsCode<DischargeReason>(conventions);
        StoreAsCode<InterventionType>(conventions);
        StoreAsCode<InterventionSetting>(conventions);
        StoreAsCode<ContactChannel>(conventions);
        StoreAsCode<ContactKind>(conventions);
        StoreAsCode<ReviewStage>(conventions);
        StoreAsCode<Prescribing.Medicine>(conventions);
        StoreAsCode<Prescribing.DoseOutcome>(conventions);
        StoreAsCode<HarmReduction.HarmReductionKind>(conventions);
        StoreAsCode<HarmReduction.HarmReductionResult>(conventions);
        StoreAsCode<HarmReduction.NaloxoneRecipient>(conventions);
        StoreAsCode<Safeguarding.OverdoseRisk>(conventions);
        StoreAsCode<Employment>(conventions);
        StoreAsCode<Assessments.ScreeningTool>(conventions);
        StoreAsCode<Assessments.HousingSituation>(conventions);
        StoreAsCode<Assessments.EmploymentSituation>(conventions);
        StoreAsCode<CarePlans.GoalStatus>(conventions);
        StoreAsCode<ContactMethod>(conventions);
        StoreAsCode<Ethnicity>(conventions);
        StoreAsCode<SexualOrientation>(conventions);
        StoreAsCode<Religion>(conventions);
        StoreAsCode<YesNoNotStated>(conventions);
        StoreAsCode<DisabilityType>(conventions);
        StoreAsCode<Pregnancy>(conventions);
    }

    private static void StoreAsCode<T>(ModelConfigurationBuilder conventions) where T : struct, Enum =>
        conventions.Properties<T>().HaveConversion<CodeConverter<T>>().HaveMaxLength(40);

    private sealed class CodeConverter<T>() : ValueConverter<T, string>(v => Codes<T>.Code(v), s => Codes<T>.Parse(s))
        where T : struct, Enum;
}

public sealed class SqlitePathwayDb(DbContextOptions<SqlitePathwayDb> options) : PathwayDb(options);

public sealed class PostgresPathwayDb(DbContextOptions<PostgresPathwayDb> options) : PathwayDb(options);
