-- Name search within a region: one trigram index per province (Kemendagri's 38), which a
-- search bound to a region uses by naming its province as each index's predicate does, so it
-- walks that province's postings only (bench/README.md, workflows). The national index stays
-- for callers bound to no region.

-- CreateIndex
CREATE INDEX "person_full_name_trgm_11_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '11');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_12_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '12');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_13_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '13');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_14_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '14');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_15_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '15');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_16_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '16');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_17_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '17');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_18_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '18');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_19_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '19');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_21_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '21');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_31_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '31');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_32_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '32');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_33_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '33');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_34_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '34');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_35_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '35');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_36_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '36');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_51_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '51');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_52_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '52');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_53_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '53');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_61_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '61');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_62_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '62');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_63_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '63');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_64_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '64');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_65_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '65');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_71_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '71');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_72_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '72');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_73_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '73');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_74_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '74');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_75_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '75');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_76_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '76');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_81_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '81');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_82_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '82');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_91_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '91');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_92_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '92');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_93_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '93');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_94_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '94');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_95_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '95');

-- CreateIndex
CREATE INDEX "person_full_name_trgm_96_idx" ON "person" USING GIN ("full_name" gin_trgm_ops) WHERE (left(village_code, 2) = '96');
