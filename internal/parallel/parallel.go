// Package parallel runs the independent steps of a stage on every core
// the process may use. Each step writes its own result (by index), so a
// stage's output never depends on the order the steps finish in.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls step(i) for i from 0 to n-1, on as many goroutines as the
// process has processors, each taking the next index in turn; alone, it
// calls them in order. A step that returns false stops the others from
// taking more (steps already started finish). A step's panic is raised
// again in the caller once the others have stopped, where the caller's
// recover sees it: on a goroutine of its own it would end the process.
func Each(n int, step func(i int) bool) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			if !step(i) {
				return
			}
		}
		return
	}
	var (
		next    atomic.Int64
		stopped atomic.Bool
		wg      sync.WaitGroup
		once    sync.Once
		raised  any
	)
	for range workers {
		wg.Go(func() {
			defer func() {
				if r := recover(); r != nil {
					once.Do(func() { raised = r })
					stopped.Store(true)
				}
			}()
			for !stopped.Load() {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if !step(i) {
					stopped.Store(true)
				}
			}
		})
	}
	wg.Wait()
	if raised != nil {
		panic(raised)
	}
}
