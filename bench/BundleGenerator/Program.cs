// Writes a valid exchange-format bundle of a national size, fast and deterministic for a seed:
//   BundleGenerator OUT_FOLDER PEOPLE [SEED [START]]
// START (default 2019-01-01) is the first referral date; referrals spread over the next ~400 days and re-referrals stop
// seven years after it, or 330 days before today, whichever is earlier, so no triage or discharge lies in the future.
// About 1.5 episodes per person, each with interventions, contacts and outcome reviews; heroin episodes with a two-step
// methadone titration and a naloxone kit, current injectors with needle packs, a drug test at a third of assessments
// (exchange-format.md version 2). The version 2 rows draw from a second generator, so the version 1 files are as before.
using System.Globalization;
using System.Text;

var folder = args[0];
var people = int.Parse(args[1], CultureInfo.InvariantCulture);
var seed = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
var random = new Random(seed);
var clinical = new Random(seed + 1);
Directory.CreateDirectory(folder);

string[] sexes = ["M", "F", "X", "U"];
string[] las = ["E08000007", "E08000002", "E06000040", "E09000001", "E07000012"];
string[] sources = ["self", "gp", "hospital", "criminal_justice", "family", "online_self"];
string[] substances = ["heroin", "crack", "cocaine", "cannabis", "alcohol", "amphetamine", "ketamine"];
string[] injecting = ["never", "previously", "currently", "declined"];
string[] reasons = ["completed_drug_free", "dropped_out", "transferred_community", "completed_alcohol_free", "died"];
string[] types = ["pharmacological", "psychosocial", "recovery_support", "harm_reduction"];
string[] settings = ["community", "primary_care", "pharmacy", "recovery_hub"];
string[] channels = ["face_to_face", "phone", "video", "online"];
string[] kinds = ["assessment", "keywork", "group", "review"];
var start = args.Length > 3 ? DateOnly.ParseExact(args[3], "yyyy-MM-dd", CultureInfo.InvariantCulture) : new DateOnly(2019, 1, 1);
var lastReferral = start.AddYears(7);
var latestSafe = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-330);
if (lastReferral > latestSafe) lastReferral = latestSafe;
static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
StreamWriter Open(string name, string header)
{
    var w = new StreamWriter(Path.Combine(folder, name), false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
    w.WriteLine(header);
    return w;
}

using var clients = Open("clients.csv", "client_ref,initials,date_of_birth,sex,local_authority,postcode_district,nhs_number,consent_national_reporting");
using var episodes = Open("episodes.csv", "episode_ref,client_ref,provider_code,pathway,referral_date,referral_source,triage_date,substance_1,substance_2,substance_3,injecting_status,discharge_date,discharge_reason");
using var interventions = Open("interventions.csv", "episode_ref,type,setting,start_date,end_date");
using var contacts = Open("contacts.csv", "episode_ref,date,channel,attended,kind");
using var reviews = Open("reviews.csv", "episode_ref,date,stage,alcohol_days,opiate_days,crack_days,cocaine_days,amphetamine_days,cannabis_days,other_drug_days,alcohol_units_per_drinking_day,injected_days,shoplifting_days,drug_selling_days,other_offending,psychological_health,physical_health,quality_of_life,acute_housing_problem,housing_at_risk,paid_work_days,education_days");
using var prescriptions = Open("prescriptions.csv", "prescription_ref,episode_ref,medicine,dose_mg,dose_interval_days,start_date,end_date,supervised_days_per_week,pharmacy_ods_code");
using var harmReduction = Open("harm_reduction.csv", "episode_ref,date,kind,result,quantity,substance");
string[] results = ["positive", "negative", "declined"];
long e = 0, iCount = 0, cCount = 0, rCount = 0, pCount = 0, hCount = 0;
for (var p = 0; p < people; p++)
{
    var initials = $"{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}";
    var birth = new DateOnly(1950, 1, 1).AddDays(random.Next(16000)); // 1950-1993: adults
    clients.WriteLine($"C{p:D7},{initials},{D(birth)},{sexes[random.Next(4)]},{las[random.Next(las.Length)]},SK{random.Next(1, 20)},,{(random.Next(10) < 9 ? "Y" : "N")}");
    var count = random.Next(4) == 0 ? 3 : random.Next(1, 3); // 1.5 a person on average
    var referral = start.AddDays(random.Next(400));
    for (var k = 0; k < count; k++)
    {
        var triage = referral.AddDays(random.Next(1, 21));
        var closed = random.Next(3) > 0;
        var discharge = triage.AddDays(random.Next(30, 300));
        var s1 = substances[random.Next(substances.Length)];
        var s2 = random.Next(3) == 0 ? substances[random.Next(substances.Length)] : "";
        if (s2 == s1) s2 = "";
        var reason = s1 is "alcohol" ? "completed_alcohol_free" : reasons[random.Next(reasons.Length)];
        // Drawn in the order the line used to draw them, so the stream (and every file) stays as it was.
        var provider = random.Next(40);
        var source = sources[random.Next(sources.Length)];
        var injects = injecting[random.Next(4)];
        episodes.WriteLine($"E{e:D8},C{p:D7},PROV{provider:D2},adult,{D(referral)},{source},{D(triage)},{s1},{s2},,{injects},{(closed ? D(discharge) : "")},{(closed ? reason : "")}");
        if (s1 == "heroin")
        {
            // 30 mg for 4 days, then the maintenance dose to discharge (or still open).
            var step = triage.AddDays(4);
            if (!closed || step <= discharge)
            {
                prescriptions.WriteLine($"P{pCount++:D9},E{e:D8},methadone_oral_solution,30,1,{D(triage)},{D(step.AddDays(-1))},7,FX00{clinical.Next(1, 3)}");
                prescriptions.WriteLine($"P{pCount++:D9},E{e:D8},methadone_oral_solution,{clinical.Next(6, 9) * 10},1,{D(step)},{(closed ? D(discharge) : "")},{clinical.Next(8)},FX00{clinical.Next(1, 3)}");
            }
            harmReduction.WriteLine($"E{e:D8},{D(triage)},naloxone_kit,not_applicable,{clinical.Next(1, 3)},");
            hCount++;
        }
        if (injects == "currently")
        {
            harmReduction.WriteLine($"E{e:D8},{D(triage)},needle_syringe_pack,not_applicable,{clinical.Next(1, 21)},");
            harmReduction.WriteLine($"E{e:D8},{D(triage)},hep_c_antibody_test,{results[clinical.Next(3)]},1,");
            hCount += 2;
        }
        if (s1 != "alcohol" && clinical.Next(3) == 0)
        {
            harmReduction.WriteLine($"E{e:D8},{D(triage)},drug_test,{results[clinical.Next(3)]},1,{s1}");
            hCount++;
        }
        var end = closed ? discharge : triage.AddDays(300);
        for (var i = random.Next(1, 3); i > 0; i--, iCount++)
            interventions.WriteLine($"E{e:D8},{types[random.Next(types.Length)]},{settings[random.Next(settings.Length)]},{D(triage)},{(closed ? D(discharge) : "")}");
        for (var c = random.Next(1, 6); c > 0; c--, cCount++)
            contacts.WriteLine($"E{e:D8},{D(triage.AddDays(random.Next(0, 30)))},{channels[random.Next(4)]},{(random.Next(5) > 0 ? "Y" : "N")},{kinds[random.Next(4)]}");
        reviews.WriteLine($"E{e:D8},{D(triage)},start,{random.Next(29)},{random.Next(29)},0,0,0,{random.Next(29)},0,{random.Next(50)},0,0,0,N,{random.Next(21)},{random.Next(21)},{random.Next(21)},N,N,0,0");
        rCount++;
        if (closed)
        {
            reviews.WriteLine($"E{e:D8},{D(discharge)},exit,{random.Next(29)},0,0,0,0,0,0,,0,0,0,N,{random.Next(21)},{random.Next(21)},{random.Next(21)},N,N,{random.Next(29)},0");
            rCount++;
        }
        referral = (closed ? discharge : end).AddDays(random.Next(30, 200));
        if (referral > lastReferral) referral = lastReferral;
        e++;
        if (!closed) break;
    }
}
Console.Error.WriteLine($"{people} clients, {e} episodes, {iCount} interventions, {cCount} contacts, {rCount} reviews, {pCount} prescriptions, {hCount} harm-reduction events");
Console.WriteLine(e);
