-- CreateTable
CREATE TABLE "collection_point" (
    "id" TEXT NOT NULL,
    "program_code" TEXT,
    "district_code" VARCHAR(8) NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,

    CONSTRAINT "collection_point_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "collection_point_district_code_idx" ON "collection_point"("district_code");

-- CreateIndex
CREATE INDEX "disbursement_period_idx" ON "disbursement"("period");
