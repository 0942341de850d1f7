// Command cron-fixtures prints the JSON fixtures @jobkit/functions tests its cron port against: which
// expressions and zone names Inngest accepts, and the next runs robfig/cron v3 (Inngest's scheduler)
// computes in several zones from starts around every daylight saving change of 2026-2027.
//
// With the argument "zones" it prints instead the TypeScript module of those zone names that the cron
// check uses at runtime. See README.md beside it for how to run both.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strings"
	"time"
	_ "time/tzdata" // Inngest's cmd/main.go bundles the zone data too: names resolve like on its servers

	cron "github.com/robfig/cron/v3"
)

// Inngest validates a cron trigger at sync with this parser (pkg/inngest/trigger.go)...
var syncParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow)

// ...and computes every next run with this one (pkg/execution/cron/cron.go).
var runParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

var zones = []string{
	"America/New_York", "Europe/Paris", "Australia/Sydney", "Asia/Kolkata", "UTC",
	"America/Santiago",    // clocks change at midnight: robfig's "midnight does not exist" branch
	"Australia/Lord_Howe", // a 30-minute change
}

var valid = []string{
	"* * * * *", "*/15 * * * *", "0/15 * * * *", "5/15 * * * *", "*/1 * * * *", "0,30 * * * *",
	"15 * * * *", "0 * * * *", "0 */2 * * *", "0 1-3 * * *", "30 1 * * *", "30 2 * * *",
	"15 2 * * *", "0 2 * * *", "0 3 * * *", "0 0 * * *", "45 23 * * *", "0 9 * * *",
	"0 9 * * 1-5", "0 9 * * MON-fri", "0 9 * * sun", "0 0 ? * 1", "0 0 * * ?", "0 12 1 * *",
	"0 12 1 * MON", "0 12 */2 * MON", "0 12 */1 * MON", "0 12 1-31 * 1", "0 12 15 * ?",
	"0 0 1 1 *", "0 0 1 JAN,jul *", "0 0 29 2 *", "0 0 31 * *", "0 0 31 2 *", "1,,2 * * * *",
	"*/+5 * * * *", "*-5 0 * * *", "?/20 4 * * *", "30 */3 * * 0", "0 22-23,0-1 * * *",
	"59 23 31 12 *", "0 9-17/2 1,15 JAN-MAR mon-fri", "00 09 * * *", "0 0 * * 6,0", "10-50/20 * * * *",
	"@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly", "@every 1h30m",
}

var invalid = []string{
	"", "* * * *", "* * * * * *", "60 * * * *", "0 24 * * *", "0 0 0 * *", "0 0 32 * *",
	"0 0 * 0 *", "0 0 * 13 *", "0 0 * * 7", "*/0 * * * *", "5-3 * * * *", "60/5 * * * *",
	"0 0 L * *", "0 0 * * 1#2", "0 0 W * *", "0 0 * * 5L", "1/2/3 * * * *", "1-2-3 * * * *",
	"-5 * * * *", "a * * * *", "0 0 * foo *", "0 0 * * mo", "0 0 * * MONDAY", "*/-5 * * * *",
	"1.5 * * * *", "0x10 * * * *", "*/ * * * *", "/5 * * * *", "5- * * * *", "0 0 * JAN-13 *",
	"@DAILY", "@fortnightly", "@every", "@every 1x", "0 0 1 1 * 2026", "TZ=Mars/Base 0 0 * * *",
	"99999999999999999999 * * * *", "0 0 ? ? ?x *", "@reboot",
}

var zoneCandidates = []string{
	"PST", "IST", "JST", "BST", "CEST", "PDT", "AEST", "SystemV/EST5", "US/Pacific-New", "UTC+1", "GMT+1",
	"america/new_york", "Europe/Atlantis", "Local", "posix/Europe/Paris", "EST", "EST5EDT", "Etc/GMT+5",
	"Asia/Calcutta", "Europe/Kiev", "GMT", "Zulu", "Factory",
}

type fixtures struct {
	GeneratedBy string            `json:"generatedBy"`
	Zones       zoneFixtures      `json:"zones"`
	Invalid     []invalidCase     `json:"invalid"`
	Descriptors map[string]string `json:"descriptors"`
	Runs        []zoneRuns        `json:"runs"`
}

type zoneFixtures struct {
	// Accepted: every IANA zone and link name (tzdata.zi) Go's time.LoadLocation loads.
	Accepted []string `json:"accepted"`
	// Checked: LoadLocation's verdict on other names people write, "" when it loads them.
	Checked map[string]string `json:"checked"`
}

type invalidCase struct {
	Expression string `json:"expression"`
	Error      string `json:"error"`
}

type zoneRuns struct {
	Zone string `json:"zone"`
	// Starts: instants (RFC 3339, UTC, some with milliseconds) the runs are counted from, exclusive.
	Starts []string `json:"starts"`
	// Changes: this zone's UTC offset changes in 2026-2027.
	Changes []string `json:"changes"`
	// Runs: per expression, per start, the next runs as Unix seconds ([] when robfig finds none in 5 years).
	Runs map[string][][]int64 `json:"runs"`
}

const runsPerStart = 6

func main() {
	if len(os.Args) > 1 && os.Args[1] == "zones" {
		printZoneModule(zoneData().Accepted)
		return
	}
	out := fixtures{
		GeneratedBy: fmt.Sprintf("scripts/cron-fixtures: robfig/cron v3.0.1, %s", runtime.Version()),
		Descriptors: map[string]string{},
	}
	out.Zones = zoneData()
	for _, expression := range invalid {
		_, err := syncParser.Parse("TZ=UTC " + expression)
		if err == nil && !strings.HasPrefix(expression, "TZ=") {
			fail("expected %q to be refused", expression)
		}
		if strings.HasPrefix(expression, "TZ=") {
			_, err = syncParser.Parse(expression)
		}
		out.Invalid = append(out.Invalid, invalidCase{expression, err.Error()})
	}
	for _, expression := range valid {
		if strings.HasPrefix(expression, "@") {
			// Inngest's sync validation refuses every descriptor; its run parser knows them.
			_, syncErr := syncParser.Parse("TZ=UTC " + expression)
			_, runErr := runParser.Parse("TZ=UTC " + expression)
			if syncErr == nil || runErr != nil {
				fail("descriptor %q: sync %v, run %v", expression, syncErr, runErr)
			}
			out.Descriptors[expression] = syncErr.Error()
			continue
		}
		if _, err := syncParser.Parse("TZ=UTC " + expression); err != nil {
			fail("expected %q to be accepted: %v", expression, err)
		}
	}
	for _, zone := range zones {
		out.Runs = append(out.Runs, runsIn(zone))
	}
	encoder := json.NewEncoder(os.Stdout)
	if err := encoder.Encode(out); err != nil {
		fail("%v", err)
	}
}

func runsIn(zone string) zoneRuns {
	location, err := time.LoadLocation(zone)
	if err != nil {
		fail("%v", err)
	}
	result := zoneRuns{Zone: zone, Runs: map[string][][]int64{}}
	starts := []time.Time{
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 6, 15, 12, 34, 56, 789_000_000, time.UTC),
	}
	changes := offsetChanges(location)
	for _, change := range changes {
		result.Changes = append(result.Changes, change.Format(time.RFC3339))
		// Shortly before the change (sub-daily schedules cross it) and a day before (daily ones do).
		starts = append(starts, change.Add(-2*time.Hour-10*time.Minute), change.Add(-26*time.Hour))
	}
	if len(changes) == 0 {
		starts = append(starts,
			time.Date(2026, 3, 8, 5, 10, 0, 0, time.UTC), time.Date(2026, 10, 31, 23, 59, 59, 0, time.UTC),
			time.Date(2027, 2, 27, 22, 0, 0, 0, time.UTC), time.Date(2027, 12, 31, 23, 0, 0, 500_000_000, time.UTC))
	}
	for _, start := range starts {
		result.Starts = append(result.Starts, start.Format(time.RFC3339Nano))
	}
	for _, expression := range valid {
		schedule, err := runParser.Parse("TZ=" + zone + " " + expression)
		if err != nil {
			fail("%q in %s: %v", expression, zone, err)
		}
		perStart := make([][]int64, 0, len(starts))
		for _, start := range starts {
			runs := []int64{}
			at := start
			for len(runs) < runsPerStart {
				// Inngest schedules each run from the previous one (manager.go ScheduleNext).
				at = schedule.Next(at)
				if at.IsZero() {
					break
				}
				runs = append(runs, at.Unix())
			}
			perStart = append(perStart, runs)
		}
		result.Runs[expression] = perStart
	}
	return result
}

// offsetChanges finds the instants in 2026-2027 where the zone's UTC offset changes, to the second.
func offsetChanges(location *time.Location) []time.Time {
	offset := func(at time.Time) int { _, seconds := at.In(location).Zone(); return seconds }
	var changes []time.Time
	end := time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC)
	for at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC); at.Before(end); at = at.Add(time.Hour) {
		next := at.Add(time.Hour)
		if offset(at) == offset(next) {
			continue
		}
		low, high := at, next
		for high.Sub(low) > time.Second {
			middle := low.Add(high.Sub(low) / 2).Truncate(time.Second)
			if offset(middle) == offset(low) {
				low = middle
			} else {
				high = middle
			}
		}
		changes = append(changes, high)
	}
	return changes
}

func zoneData() zoneFixtures {
	file, err := os.Open("/usr/share/zoneinfo/tzdata.zi")
	if err != nil {
		fail("%v", err)
	}
	defer file.Close()
	names := map[string]bool{}
	scanner := bufio.NewScanner(file)
	for scanner.Scan() {
		fields := strings.Fields(scanner.Text())
		switch {
		case len(fields) >= 2 && fields[0] == "Z":
			names[fields[1]] = true
		case len(fields) >= 3 && fields[0] == "L":
			names[fields[2]] = true
		}
	}
	result := zoneFixtures{Checked: map[string]string{}}
	for name := range names {
		if _, err := time.LoadLocation(name); err == nil {
			result.Accepted = append(result.Accepted, name)
		}
	}
	sort.Strings(result.Accepted)
	for _, name := range zoneCandidates {
		if _, err := time.LoadLocation(name); err != nil {
			result.Checked[name] = err.Error()
		} else {
			result.Checked[name] = ""
		}
	}
	return result
}

func printZoneModule(names []string) {
	// One space-separated string: a formatter leaves it on one line instead of 600. Both calls are marked pure so
	// a bundler drops the table from apps that never check a time zone (issue 24: bundle size).
	fmt.Printf(`// Generated by scripts/cron-fixtures (%s, the tzdata.zi of Debian's tzdata): do not edit.
/** Every IANA zone and link name Go's time.LoadLocation loads, so every name Inngest accepts after "TZ=". */
export const inngestZoneNames: ReadonlySet<string> = /* @__PURE__ */ new Set(
  /* @__PURE__ */ "%s".split(" "),
);
`, runtime.Version(), strings.Join(names, " "))
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}
