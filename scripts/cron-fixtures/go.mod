module jobkit.dev/cron-fixtures

go 1.19

require github.com/robfig/cron/v3 v3.0.1

// Debian's golang-github-robfig-cron-dev: the generator builds offline against it.
replace github.com/robfig/cron/v3 => /usr/share/gocode/src/github.com/robfig/cron
