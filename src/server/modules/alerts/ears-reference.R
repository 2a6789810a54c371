# Reference outputs of R's surveillance::earsC for the EARS test (ears.r.test.ts).
# Usage: Rscript ears-reference.R <dir>: reads <dir>/series.csv (series,day,count) and <dir>/cases.csv
# (case,series,method,alpha,minSigma; alpha/minSigma empty = R's default) and writes <dir>/reference.csv
# (case,day,upperbound,alarm), `error` as the upper bound when earsC refuses the series.
suppressPackageStartupMessages(library(surveillance))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
series <- read.csv(file.path(dir, "series.csv"))
cases <- read.csv(file.path(dir, "cases.csv"), colClasses = "character")
out <- list()
for (i in seq_len(nrow(cases))) {
  k <- cases[i, ]
  x <- series$count[series$series == k$series]
  control <- list(method = k$method)
  if (nzchar(k$alpha)) control$alpha <- as.numeric(k$alpha)
  if (nzchar(k$minSigma)) control$minSigma <- as.numeric(k$minSigma)
  res <- tryCatch(earsC(sts(observed = matrix(x, ncol = 1)), control = control), error = function(e) NULL)
  if (is.null(res)) {
    out[[i]] <- data.frame(case = k$case, day = NA, upperbound = "error", alarm = NA)
  } else {
    out[[i]] <- data.frame(case = k$case, day = seq(length(x) - nrow(res) + 1, length(x)),
      upperbound = sprintf("%.17g", as.vector(upperbound(res))), alarm = as.vector(alarms(res)))
  }
}
write.csv(do.call(rbind, out), file.path(dir, "reference.csv"), row.names = FALSE)
