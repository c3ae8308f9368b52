package parallel

import (
	"runtime"
	"sync/atomic"
	"testing"
)

// TestEachCallsEveryStepOnce, on one core and on several.
func TestEachCallsEveryStepOnce(t *testing.T) {
	for _, procs := range []int{1, 4} {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		calls := make([]atomic.Int32, 1000)
		Each(len(calls), func(i int) bool { calls[i].Add(1); return true })
		for i := range calls {
			if n := calls[i].Load(); n != 1 {
				t.Fatalf("GOMAXPROCS %d: step %d called %d times", procs, i, n)
			}
		}
	}
}

// TestEachStops: once a step says stop, no step is started beyond those
// already running.
func TestEachStops(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	var calls atomic.Int32
	Each(100000, func(i int) bool { calls.Add(1); return i < 10 })
	if n := calls.Load(); n > 10+1+4 {
		t.Errorf("%d steps ran after a stop at the eleventh", n)
	}
}

// TestEachRaisesAStepsPanic in the caller, where a recover sees it.
func TestEachRaisesAStepsPanic(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	defer func() {
		if r := recover(); r != "étape 7" {
			t.Errorf("recovered %v, want the step's panic", r)
		}
	}()
	Each(100, func(i int) bool {
		if i == 7 {
			panic("étape 7")
		}
		return true
	})
	t.Error("Each returned after a step panicked")
}
