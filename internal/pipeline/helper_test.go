package pipeline

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// TestMain lets a test run this test binary as a separate cls process: a
// concurrent build, or a build killed at a given step.
func TestMain(m *testing.M) {
	if os.Getenv("CLS_TEST_HELPER") != "" {
		os.Exit(helper())
	}
	os.Exit(m.Run())
}

// helper builds the contract of CLS_TEST_CONFIG into CLS_TEST_OUT once
// per signature place listed in CLS_TEST_LIEUX (comma-separated), printing
// each PDF's SHA-256; with CLS_TEST_CRASH it stops dead (as kill -9
// would: no deferred cleanup) at the first step starting with that text.
// With CLS_TEST_YEAR it writes the evaluation workbook instead.
func helper() int {
	if crash := os.Getenv("CLS_TEST_CRASH"); crash != "" {
		testStep = func(s string) {
			if strings.HasPrefix(s, crash) {
				os.Exit(3)
			}
		}
	}
	opt := Options{Config: os.Getenv("CLS_TEST_CONFIG"), Out: os.Getenv("CLS_TEST_OUT")}
	if y := os.Getenv("CLS_TEST_YEAR"); y != "" {
		year, _ := strconv.Atoi(y)
		if _, err := EvaluationTemplate(opt, year, opt.Out); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		return 0
	}
	for _, lieu := range strings.Split(os.Getenv("CLS_TEST_LIEUX"), ",") {
		opt.Overrides = map[string]string{"signature.lieu": lieu}
		res, err := Build(opt)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Println(res.SHA256)
	}
	return 0
}

// helperCmd is a cls process running helper with env.
func helperCmd(t *testing.T, env ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), append([]string{"CLS_TEST_HELPER=1"}, env...)...)
	return cmd
}
